using Kws.Detection.Pipeline;
using EdgeService.Hosting;
using EdgeService.Tests.Fakes;

namespace EdgeService.Tests.Hosting;

/// <summary>Ring overflows are warned about as they happen, at most once per 10 s of audio, with nothing lost from the count.</summary>
public sealed class RingOverflowReporterTests
{
    private readonly RecordingLogger<SpotterService> _log = new();

    private List<string> Warnings() => [.. _log.Entries.Where(e => e.Id.Id == 150).Select(e => e.Message)];

    [Fact]
    public void The_first_overflow_is_warned_at_once_and_later_ones_are_gathered_into_one_warning_per_interval()
    {
        var reporter = new RingOverflowReporter(_log, 16000, intervalS: 10);
        reporter.OnRead(new RingRead(1600, 0, 0));
        Assert.Empty(Warnings());

        reporter.OnRead(new RingRead(1600, 3 * 16000, 1600));      // 100 ms lost at 3 s: warned at once
        reporter.OnRead(new RingRead(1600, 5 * 16000, 3200));      // 200 ms at 5 s: within 10 s, held back
        reporter.OnRead(new RingRead(1600, 9 * 16000, 800));       // 50 ms at 9 s: held back
        reporter.OnRead(new RingRead(1600, (9 * 16000) + 1600, 0)); // no loss: nothing
        reporter.OnRead(new RingRead(1600, 13 * 16000, 160));      // 10 ms at 13 s: 10 s after the first warning

        var warnings = Warnings();
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("Audio overflow at 3.00 s: the pipeline fell behind and the oldest audio was dropped, 100 ms in 1 overflow(s)", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("Audio overflow at 13.00 s: the pipeline fell behind and the oldest audio was dropped, 260 ms in 3 overflow(s)", warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_without_loss_allocates_nothing()
    {
        var reporter = new RingOverflowReporter(_log, 16000);
        var read = new RingRead(1600, 0, 0);
        reporter.OnRead(read);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            reporter.OnRead(read);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
