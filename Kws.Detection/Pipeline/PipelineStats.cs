namespace Kws.Detection.Pipeline;

/// <summary>
/// Counters the pipeline keeps for the periodic stats line: written by the pipeline thread, read and reset by the
/// reporter (Interlocked, no locks, no allocation).
/// </summary>
public sealed class PipelineStats
{
    private long _samples;
    private long _hops;
    private long _openHops;
    private long _gaps;
    private long _detections;
    private long _totalSamples;
    private int _loudestCentiDb = NoLevel;

    /// <summary>The loudest hop's level before any hop was counted.</summary>
    private const int NoLevel = int.MinValue;

    /// <summary>Inference durations.</summary>
    public LatencyHistogram Inference { get; } = new();

    /// <summary>Samples processed since start (the sample clock's progress), for readiness and the watchdog.</summary>
    public long TotalSamples => Interlocked.Read(ref _totalSamples);

    /// <summary>Counts one front-end hop of <paramref name="samples"/> samples, gate open or not, whose energy was <paramref name="energyDbfs"/> (NaN: not known).</summary>
    public void CountHop(int samples, bool gateOpen, float energyDbfs)
    {
        if (float.IsFinite(energyDbfs))
        {
            var level = (int)MathF.Round(energyDbfs * 100);
            int loudest;
            while (level > (loudest = Volatile.Read(ref _loudestCentiDb)) &&
                   Interlocked.CompareExchange(ref _loudestCentiDb, level, loudest) != loudest)
            {
            }
        }

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
            Interlocked.Exchange(ref _detections, 0),
            Interlocked.Exchange(ref _loudestCentiDb, NoLevel) is var l && l != NoLevel ? l / 100.0 : double.NaN);
    }
}

/// <summary>One interval's figures; <paramref name="LoudestHopDbfs"/>: the energy of the loudest front-end hop (10 ms) in dBFS, after the input gain (NaN when none was counted).</summary>
public readonly record struct StatsSnapshot(double AudioSeconds, double GateOpenShare, long Inferences, double MeanInferenceMs, double P99InferenceMs, long Gaps, long Detections, double LoudestHopDbfs);
