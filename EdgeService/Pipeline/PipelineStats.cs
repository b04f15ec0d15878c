namespace EdgeService.Pipeline;

/// <summary>
/// Counters the pipeline keeps for the periodic stats line: written by the pipeline thread, read and reset by the
/// reporter (Interlocked, no locks, no allocation).
/// </summary>
internal sealed class PipelineStats
{
    private long _samples;
    private long _hops;
    private long _openHops;
    private long _gaps;
    private long _detections;
    private long _totalSamples;

    /// <summary>Inference durations.</summary>
    public LatencyHistogram Inference { get; } = new();

    /// <summary>Samples processed since start (the sample clock's progress), for readiness and the watchdog.</summary>
    public long TotalSamples => Interlocked.Read(ref _totalSamples);

    /// <summary>Counts one front-end hop of <paramref name="samples"/> samples, gate open or not.</summary>
    public void CountHop(int samples, bool gateOpen)
    {
        Interlocked.Add(ref _samples, samples);
        Interlocked.Add(ref _totalSamples, samples);
        Interlocked.Increment(ref _hops);
        if (gateOpen)
        {
            Interlocked.Increment(ref _openHops);
        }
    }

    /// <summary>Counts a discontinuity (samples dropped before the pipeline got them).</summary>
    public void CountGap() => Interlocked.Increment(ref _gaps);

    /// <summary>Counts a detection.</summary>
    public void CountDetection() => Interlocked.Increment(ref _detections);

    /// <summary>The figures since the last snapshot, then resets them.</summary>
    public StatsSnapshot TakeSnapshot(int sampleRateHz)
    {
        var samples = Interlocked.Exchange(ref _samples, 0);
        var hops = Interlocked.Exchange(ref _hops, 0);
        var open = Interlocked.Exchange(ref _openHops, 0);
        var (inferences, mean, p99) = Inference.TakeSnapshot();
        return new StatsSnapshot(
            (double)samples / sampleRateHz,
            hops == 0 ? 0 : (double)open / hops,
            inferences,
            mean,
            p99,
            Interlocked.Exchange(ref _gaps, 0),
            Interlocked.Exchange(ref _detections, 0));
    }
}

/// <summary>One interval's figures.</summary>
internal readonly record struct StatsSnapshot(double AudioSeconds, double GateOpenShare, long Inferences, double MeanInferenceMs, double P99InferenceMs, long Gaps, long Detections);
