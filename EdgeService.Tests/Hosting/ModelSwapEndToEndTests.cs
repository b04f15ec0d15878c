using System.Collections.Concurrent;
using System.Diagnostics;
using EdgeService.Tests.Cli;
using TestSupport;

namespace EdgeService.Tests.Hosting;

/// <summary>
/// The real kws-edge as a child process, its model replaced while it runs: SIGHUP (what <c>systemctl reload</c>
/// sends) with a good file swaps it in mid-stream, with a broken file logs one error and keeps the loaded model; the
/// service never stops and reports exactly the keywords it reports without any swap. Started with SIGHUP ignored (as
/// under nohup), it says so, survives SIGHUP, and its periodic check still swaps a replaced file in.
/// </summary>
public sealed class ModelSwapEndToEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private sealed class Running : IDisposable
    {
        private readonly Process _process;

        public Running(IEnumerable<string> args, string signalHandling = "--default-signal=HUP")
        {
            var info = EdgeProcess.StartInfo(args, signalHandling: signalHandling);
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

        /// <summary>Whether it is still running, or how it ended, and its standard error so far.</summary>
        public string State => (_process.HasExited ? $"exited with {_process.ExitCode}" : "running") + "; stderr:\n" + string.Join('\n', Err);

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

    private static string[] Args(string model, int reloadCheckS = 0) =>
        ["run", "--json", "--Audio:Source=stdin", $"--Model:Path={model}", $"--Model:ReloadCheckS={reloadCheckS}", "--Stats:IntervalS=0"];

    private static string Bundled => Path.Combine(AppContext.BaseDirectory, "models", "kws-yesno.onnx");

    /// <summary>A copy of the bundled model in a directory of its own.</summary>
    private static string CopyOfTheModel()
    {
        var model = Path.Combine(TestPaths.NewTempDir("kws-swap"), "kws-yesno.onnx");
        File.Copy(Bundled, model);
        return model;
    }

    /// <summary>The keywords kws-edge reports for the whole fixture stream without any swap.</summary>
    private static List<string> Baseline(string model, byte[] pcm)
    {
        using var baseline = new Running(Args(model));
        baseline.Write(pcm, 0, pcm.Length);
        Assert.Equal(0, baseline.Finish());
        var keywords = EdgeProcess.JsonKeywords(baseline.Out);
        Assert.True(keywords.Count >= 8, $"the baseline found only {keywords.Count} keywords");
        return keywords;
    }

    [Fact]
    public void A_model_swapped_by_sighup_mid_stream_misses_nothing_and_a_broken_one_is_refused()
    {
        var model = CopyOfTheModel();
        var pcm = FixturePcm.StreamYesNo();
        var expected = Baseline(model, pcm);

        using var service = new Running(Args(model));
        var third = pcm.Length / 3 / 2 * 2;

        // A third of the stream, then a good file swapped in (cut anywhere: maybe in the middle of a word).
        service.Write(pcm, 0, third);
        File.Copy(Bundled, model, overwrite: true);
        EdgeProcess.Signal(service.Pid, "HUP");
        Assert.True(service.WaitForLog("Switched to the new model"), $"no swap after SIGHUP; {service.State}");

        // Another third, then a broken file: refused, the loaded model stays.
        service.Write(pcm, third, third);
        File.WriteAllText(model, "not a model");
        EdgeProcess.Signal(service.Pid, "HUP");
        Assert.True(service.WaitForLog("cannot be used"), $"no error for the broken file; {service.State}");

        service.Write(pcm, 2 * third, pcm.Length - (2 * third));
        Assert.Equal(0, service.Finish());
        Assert.Equal(expected, EdgeProcess.JsonKeywords(service.Out));
        var errors = service.Err.Where(l => l.Contains("fail:", StringComparison.Ordinal)).ToList();
        var error = Assert.Single(errors);
        Assert.Contains(model, error);
        Assert.Equal(2, service.Err.Count(l => l.Contains("SIGHUP", StringComparison.Ordinal)));
        Assert.DoesNotContain(service.Err, l => l.Contains("SIGHUP is ignored", StringComparison.Ordinal));
        Directory.Delete(Path.GetDirectoryName(model)!, recursive: true);
    }

    [Fact]
    public void Started_with_sighup_ignored_it_says_so_survives_sighup_and_its_file_check_still_swaps()
    {
        var model = CopyOfTheModel();
        var pcm = FixturePcm.StreamYesNo();
        var expected = Baseline(model, pcm);

        using var service = new Running(Args(model, reloadCheckS: 1), signalHandling: "--ignore-signal=HUP");
        var half = pcm.Length / 2 / 2 * 2;
        service.Write(pcm, 0, half);
        Assert.True(service.WaitForLog("SIGHUP is ignored"), $"no warning that SIGHUP is ignored; {service.State}");
        Assert.Contains(service.Err, l => l.Contains("check every 1 s", StringComparison.Ordinal));

        // SIGHUP neither ends it nor loads anything; a replaced file (new time stamp) is found by the check.
        EdgeProcess.Signal(service.Pid, "HUP");
        File.Copy(Bundled, model, overwrite: true);
        File.SetLastWriteTimeUtc(model, DateTime.UtcNow.AddMinutes(1));
        Assert.True(service.WaitForLog("Switched to the new model"), $"the file check did not swap the replaced file in; {service.State}");

        service.Write(pcm, half, pcm.Length - half);
        Assert.Equal(0, service.Finish());
        Assert.Equal(expected, EdgeProcess.JsonKeywords(service.Out));
        Assert.DoesNotContain(service.Err, l => l.Contains("SIGHUP: loading", StringComparison.Ordinal));
        Directory.Delete(Path.GetDirectoryName(model)!, recursive: true);
    }
}
