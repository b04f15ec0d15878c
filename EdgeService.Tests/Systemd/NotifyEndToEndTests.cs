using TestSupport;
using System.Diagnostics;
using EdgeService.Tests.Cli;

namespace EdgeService.Tests.Systemd;

/// <summary>The real kws-edge as a child process, talking sd_notify to a real datagram socket.</summary>
public sealed class NotifyEndToEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ReadyThenWatchdogWhileAudioFlows_NoWatchdogWhenStalled_StoppingOnSigterm()
    {
        using var listener = NotifyListener.AtPath();
        var pcm = TestSupport.FixturePcm.StreamYesNo();
        var info = EdgeProcess.StartInfo(["run", "--Audio:Source=stdin", "--Stats:IntervalS=0"]);
        info.Environment["NOTIFY_SOCKET"] = listener.Address;
        info.Environment["WATCHDOG_USEC"] = "1000000";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var messages = new List<string>();
        try
        {
            // Feed audio in real time (100 ms blocks), collecting notifications meanwhile, until READY=1 has come and
            // 3 s more have been fed (at most 20 s: a loaded machine can take a while to start the service).
            var input = process.StandardInput.BaseStream;
            var clock = Stopwatch.StartNew();
            const int Block = 3200; // bytes = 100 ms of 16 kHz S16_LE
            TimeSpan? readyAt = null;
            for (var n = 0; clock.Elapsed < TimeSpan.FromSeconds(20) && (readyAt is null || clock.Elapsed - readyAt < TimeSpan.FromSeconds(3)); n++)
            {
                var offset = n * Block % (pcm.Length - Block);
                input.Write(pcm, offset, Block);
                input.Flush();
                var due = TimeSpan.FromMilliseconds(100 * (n + 1));
                while (clock.Elapsed < due)
                {
                    if (listener.Receive(due - clock.Elapsed) is { } m)
                    {
                        messages.Add(m);
                        if (readyAt is null && m.StartsWith("READY=1\n", StringComparison.Ordinal))
                        {
                            readyAt = clock.Elapsed;
                        }
                    }
                }
            }

            var ready = messages.FindIndex(m => m.StartsWith("READY=1\n", StringComparison.Ordinal));
            Assert.True(ready >= 0, $"no READY=1 while audio flowed; got: {Show(messages)}");
            var pings = messages.Skip(ready + 1).Count(m => m.Contains("WATCHDOG=1", StringComparison.Ordinal));
            Assert.True(pings >= 3, $"expected a WATCHDOG=1 every 0.5 s while audio flowed, got {pings}: {Show(messages)}");

            // Stall: stdin stays open but nothing comes. Once the service says so (everything in flight has been
            // processed, however far behind a loaded machine left it), no more pings.
            var noticed = Collect(listener, TimeSpan.FromSeconds(15), until: m => m.Contains("audio stalled for", StringComparison.Ordinal));
            Assert.True(noticed.Count > 0 && noticed[^1].Contains("audio stalled for", StringComparison.Ordinal), $"the stall was never reported; got: {Show(noticed)}");
            var stalled = Collect(listener, TimeSpan.FromMilliseconds(2600));
            Assert.DoesNotContain(stalled, m => m.Contains("WATCHDOG=1", StringComparison.Ordinal));
            Assert.True(stalled.Count >= 3, $"expected status checks while stalled, got: {Show(stalled)}");
            Assert.Contains(stalled, m => m.Contains("audio stalled for", StringComparison.Ordinal));

            // SIGTERM: STOPPING=1 at once.
            EdgeProcess.Signal(process.Id, "TERM");
            var stopping = Collect(listener, TimeSpan.FromSeconds(5), until: m => m.StartsWith("STOPPING=1", StringComparison.Ordinal));
            Assert.True(stopping.Count > 0 && stopping[^1].StartsWith("STOPPING=1\n", StringComparison.Ordinal), $"no STOPPING=1 after SIGTERM; got: {Show(stopping)}");

            // The stdin source's reader thread is blocked in read(2) and cannot be interrupted; closing stdin lets it
            // end (see docs/SYSTEMD.md). Then the process exits cleanly.
            process.StandardInput.Close();
            Assert.True(process.WaitForExit(10_000), "kws-edge did not exit within 10 s of SIGTERM and the end of its input");
            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}; stderr: {await stderr}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await stdout;
    }

    private static List<string> Collect(NotifyListener listener, TimeSpan span, Func<string, bool>? until = null)
    {
        var got = new List<string>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < span)
        {
            if (listener.Receive(span - clock.Elapsed) is { } m)
            {
                got.Add(m);
                if (until?.Invoke(m) == true)
                {
                    break;
                }
            }
        }

        return got;
    }

    private static string Show(IEnumerable<string> messages) => string.Join(" | ", messages.Select(m => m.Replace('\n', ' ')));
}
