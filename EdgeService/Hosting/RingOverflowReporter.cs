using Kws.Detection.Pipeline;
using Microsoft.Extensions.Logging;

namespace EdgeService.Hosting;

/// <summary>
/// Reports the ring buffer's overflows as they happen (the pipeline fell behind and the oldest audio was dropped),
/// whatever the stats line's interval: the first at once, then at most one warning per <c>IntervalSamples</c> of the
/// sample clock, each with what was dropped since the previous warning. Called by the service loop with every read;
/// a read without loss costs one comparison and allocates nothing.
/// </summary>
internal sealed partial class RingOverflowReporter
{
    private readonly ILogger _logger;
    private readonly int _sampleRateHz;
    private readonly long _intervalSamples;
    private long _lastWarningAt = long.MinValue;
    private long _pendingSamples;
    private int _pendingEvents;

    /// <summary>Makes the reporter.</summary>
    /// <param name="logger">Where the warnings go.</param>
    /// <param name="sampleRateHz">The ring buffer's rate.</param>
    /// <param name="intervalS">The least time between two warnings, in seconds of audio.</param>
    public RingOverflowReporter(ILogger logger, int sampleRateHz, double intervalS = 10)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRateHz, 1);
        _logger = logger;
        _sampleRateHz = sampleRateHz;
        _intervalSamples = (long)(intervalS * sampleRateHz);
    }

    /// <summary>Takes one read's loss into account (nothing happens for a read that lost nothing).</summary>
    public void OnRead(in RingRead read)
    {
        if (read.Skipped == 0)
        {
            return;
        }

        _pendingSamples += read.Skipped;
        _pendingEvents++;
        if (_lastWarningAt == long.MinValue || read.FirstSampleIndex - _lastWarningAt >= _intervalSamples)
        {
            LogOverflow(_logger, _pendingSamples * 1000.0 / _sampleRateHz, _pendingEvents, read.FirstSampleIndex / (double)_sampleRateHz);
            _lastWarningAt = read.FirstSampleIndex;
            _pendingSamples = 0;
            _pendingEvents = 0;
        }
    }

    [LoggerMessage(EventId = 150, Level = LogLevel.Warning,
        Message = "Audio overflow at {AtS:F2} s: the pipeline fell behind and the oldest audio was dropped, {DroppedMs:F0} ms in {Events} overflow(s) since the last warning. The CPU is too busy; a larger Audio:RingBufferMs rides out longer stalls.")]
    private static partial void LogOverflow(ILogger logger, double droppedMs, int events, double atS);
}
