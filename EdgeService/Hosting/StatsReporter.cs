using Kws.Detection.Pipeline;
using EdgeService.Audio;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeService.Hosting;

/// <summary>
/// Logs one stats line every Stats:IntervalS seconds of the injected clock: audio seconds, the loudest 10 ms (to set
/// Pipeline:InputGainDb by), ring overflows and dropped samples, the share of time the gate was open, inferences with
/// their mean and 99th-percentile time, and detections, each for the interval. With live capture
/// (<see cref="ICaptureStatistics"/>) a second line: the device, its own input overflows (new, and since start),
/// reconnects and faults. Then a memory line (<see cref="ProcessFootprint"/>): resident memory, the managed heap and
/// what has been allocated since start, the collections since start, threads and open files, so that a slow leak
/// shows in the journal long before it hurts.
/// </summary>
internal sealed partial class StatsReporter(
    IOptions<StatsOptions> options,
    PipelineStats stats,
    IAudioRingBuffer ring,
    IAudioSource source,
    TimeProvider time,
    ILogger<StatsReporter> logger) : BackgroundService
{
    private const double Mib = 1024 * 1024;

    private long _lastOverflows;
    private long _lastDropped;
    private long _lastInputOverflows;

    /// <summary>Logs the figures since the last call.</summary>
    public void Report()
    {
        var s = stats.TakeSnapshot(ring.SampleRateHz);
        var overflows = ring.OverflowCount;
        var dropped = ring.DroppedSamples;
        var loudest = double.IsNaN(s.LoudestHopDbfs) ? "none" : $"{s.LoudestHopDbfs:F1} dBFS";
        LogStats(logger, s.AudioSeconds, loudest, overflows - _lastOverflows, dropped - _lastDropped, s.GateOpenShare * 100, s.Inferences,
            s.Inferences == 0 ? 0 : s.MeanInferenceMs, s.Inferences == 0 ? 0 : s.P99InferenceMs, s.Detections, s.Gaps);
        _lastOverflows = overflows;
        _lastDropped = dropped;
        if (source is ICaptureStatistics capture)
        {
            var c = capture.Statistics;
            LogCapture(logger, c.Device ?? "no stream open", c.State.ToString(), c.InputOverflows - _lastInputOverflows, c.InputOverflows, c.Reconnects, c.Faults);
            _lastInputOverflows = c.InputOverflows;
        }

        var m = ProcessFootprint.Read();
        LogMemory(logger, m.RssBytes / Mib, m.ManagedHeapBytes / Mib, m.AllocatedBytes / Mib, m.Gen0Collections, m.Gen1Collections, m.Gen2Collections,
            m.Threads, m.OpenFiles);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IntervalS == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalS), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Report();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.IntervalS > 0)
        {
            Report();
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "stats: audio {AudioSeconds:F1} s (loudest 10 ms {Loudest}), overflows {Overflows} ({Dropped} samples dropped), gate open {GateOpenPercent:F1}%, " +
                  "inferences {Inferences} (mean {MeanMs:F2} ms, p99 {P99Ms:F2} ms), detections {Detections}, gaps {Gaps}")]
    private static partial void LogStats(ILogger logger, double audioSeconds, string loudest, long overflows, long dropped, double gateOpenPercent,
        long inferences, double meanMs, double p99Ms, long detections, long gaps);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "stats: capture {Device} ({State}), device input overflows {NewOverflows} ({TotalOverflows} since start), reconnects {Reconnects}, faults {Faults}")]
    private static partial void LogCapture(ILogger logger, string device, string state, long newOverflows, long totalOverflows, int reconnects, int faults);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "stats: memory {RssMib:F1} MiB resident, managed heap {HeapMib:F1} MiB ({AllocatedMib:F1} MiB allocated since start), " +
                  "collections {Gen0}/{Gen1}/{Gen2} since start, threads {Threads}, open files {OpenFiles}")]
    private static partial void LogMemory(ILogger logger, double rssMib, double heapMib, double allocatedMib, int gen0, int gen1, int gen2, int threads, int openFiles);
}
