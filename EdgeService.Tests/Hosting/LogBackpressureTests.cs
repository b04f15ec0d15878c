using System.IO.Pipes;
using System.Runtime.InteropServices;
using EdgeService.Tests.Cli;
using TestSupport;

namespace EdgeService.Tests.Hosting;

/// <summary>
/// The real kws-edge whose log reader stops reading (a hung journald, a paused pipe): detection goes on, every word is
/// still reported on its other outputs, and the run ends; the log lines that did not fit are dropped, not waited for.
/// </summary>
public sealed partial class LogBackpressureTests
{
    private const int Repeats = 100;
    private const int PipeBytes = 4096; // the smallest pipe Linux makes: about 38 log lines

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);

    /// <summary>Shrinks the pipe behind <paramref name="stream"/> (F_SETPIPE_SZ), so a few lines fill it.</summary>
    private static void ShrinkPipe(Stream stream)
    {
        const int SetPipeSize = 1031;
        var pipe = Assert.IsAssignableFrom<PipeStream>(stream);
        var size = Fcntl((int)pipe.SafePipeHandle.DangerousGetHandle(), SetPipeSize, PipeBytes);
        Assert.True(size >= PipeBytes, $"F_SETPIPE_SZ failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>1.6 s of the fixture around its first "yes" (0.2–1.8 s: 32 hops of 50 ms), <see cref="Repeats"/> times.</summary>
    private static byte[] RepeatedYes()
    {
        var segment = FixturePcm.StreamYesNo().AsSpan(6400, 51200);
        var pcm = new byte[segment.Length * Repeats];
        for (var i = 0; i < Repeats; i++)
        {
            segment.CopyTo(pcm.AsSpan(i * segment.Length));
        }

        return pcm;
    }

    [Fact]
    public async Task A_log_reader_that_stops_reading_does_not_stop_detection()
    {
        var info = EdgeProcess.StartInfo(
        [
            "run", "--json", "--Audio:Source=stdin", "--Stats:IntervalS=0", "--Leds:Enabled=false",
            "--Logging:Console:MaxQueueLength=1",
        ]);
        using var process = System.Diagnostics.Process.Start(info)!;
        try
        {
            ShrinkPipe(process.StandardError.BaseStream); // and never read it until the end
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var pcm = RepeatedYes();

            // A file or stdin source waits for room in the ring, so a service loop stuck on its log stops reading
            // stdin too: the writer gets a bounded wait of its own (a broken pipe, once the process is gone, ends it).
            var writing = Task.Run(() =>
            {
                try
                {
                    process.StandardInput.BaseStream.Write(pcm);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                }
            }, TestContext.Current.CancellationToken);
            var written = await Task.WhenAny(writing, Task.Delay(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken)) == writing;
            Assert.True(written && process.WaitForExit(60_000), "kws-edge stopped working while nobody read its log");

            var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, process.ExitCode);
            Assert.Equal(Enumerable.Repeat("yes", Repeats), EdgeProcess.JsonKeywords((await stdout).Split('\n')));

            // The log could not take them all: lines were dropped (the pipe holds a few dozen), not waited for.
            var logged = stderr.Split('\n').Count(l => l.Contains("Detected \"yes\"", StringComparison.Ordinal));
            Assert.InRange(logged, 1, Repeats - 1);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
