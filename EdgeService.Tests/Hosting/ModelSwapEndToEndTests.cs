using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using EdgeService.Tests.Cli;
using TestSupport;

namespace EdgeService.Tests.Hosting;

/// <summary>
/// The real kws-edge as a child process, its model replaced while it runs: SIGHUP (what <c>systemctl reload</c>
/// sends) with a good file swaps it in mid-stream, with a broken file logs one error and keeps the loaded model; the
/// service never stops and reports exactly the keywords it reports without any swap.
/// </summary>
public sealed class ModelSwapEndToEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private sealed class Running : IDisposable
    {
        private readonly Process _process;

        public Running(IEnumerable<string> args)
        {
            var info = EdgeProcess.StartInfo(args);
            _process = new Process { StartInfo = info };
            _process.OutputDataReceived += (_, e) => Add(Out, e.Data);
            _process.ErrorDataReceived += (_, e) => Add(Err, e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public ConcurrentQueue<string> Out { get; } = new();

        public ConcurrentQueue<string> Err { get; } = new();

        public int Pid => _process.Id;

        public void Write(byte[] pcm, int offset, int count)
        {
            _process.StandardInput.BaseStream.Write(pcm, offset, count);
            _process.StandardInput.BaseStream.Flush();
        }

        public bool WaitForLog(string text) => SpinWait.SpinUntil(() => Err.Any(l => l.Contains(text, StringComparison.Ordinal)), Wait);

        public int Finish()
        {
            _process.StandardInput.Close();
            Assert.True(_process.WaitForExit(60_000), "kws-edge did not exit after the end of its input");
            _process.WaitForExit(); // drains the output events
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        private static void Add(ConcurrentQueue<string> lines, string? line)
        {
            if (line is not null)
            {
                lines.Enqueue(line);
            }
        }
    }

    private static string[] Args(string model) =>
        ["run", "--json", "--Audio:Source=stdin", $"--Model:Path={model}", "--Model:ReloadCheckS=0", "--Stats:IntervalS=0"];

    /// <summary>The keyword of each --json detection line, in order.</summary>
    private static List<string> Keywords(IEnumerable<string> stdout) =>
        [.. stdout.Where(l => l.StartsWith('{')).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("keyword").GetString()!)];

    private static void Hangup(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-HUP", pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    [Fact]
    public void A_model_swapped_by_sighup_mid_stream_misses_nothing_and_a_broken_one_is_refused()
    {
        var dir = TestPaths.NewTempDir("kws-swap");
        var model = Path.Combine(dir, "kws-yesno.onnx");
        var bundled = Path.Combine(AppContext.BaseDirectory, "models", "kws-yesno.onnx");
        File.Copy(bundled, model);
        var pcm = FixturePcm.StreamYesNo();

        List<string> expected;
        using (var baseline = new Running(Args(model)))
        {
            baseline.Write(pcm, 0, pcm.Length);
            Assert.Equal(0, baseline.Finish());
            expected = Keywords(baseline.Out);
        }

        Assert.True(expected.Count >= 8, $"the baseline found only {expected.Count} keywords");

        using var service = new Running(Args(model));
        var third = pcm.Length / 3 / 2 * 2;

        // A third of the stream, then a good file swapped in (cut anywhere: maybe in the middle of a word).
        service.Write(pcm, 0, third);
        File.Copy(bundled, model, overwrite: true);
        Hangup(service.Pid);
        Assert.True(service.WaitForLog("Switched to the new model"), $"no swap after SIGHUP; stderr:\n{string.Join('\n', service.Err)}");

        // Another third, then a broken file: refused, the loaded model stays.
        service.Write(pcm, third, third);
        File.WriteAllText(model, "not a model");
        Hangup(service.Pid);
        Assert.True(service.WaitForLog("cannot be used"), $"no error for the broken file; stderr:\n{string.Join('\n', service.Err)}");

        service.Write(pcm, 2 * third, pcm.Length - (2 * third));
        Assert.Equal(0, service.Finish());
        Assert.Equal(expected, Keywords(service.Out));
        var errors = service.Err.Where(l => l.Contains("fail:", StringComparison.Ordinal)).ToList();
        var error = Assert.Single(errors);
        Assert.Contains(model, error);
        Assert.Equal(2, service.Err.Count(l => l.Contains("SIGHUP", StringComparison.Ordinal)));
        Directory.Delete(dir, recursive: true);
    }
}
