namespace Trainer.StreamEval;

/// <summary>What a soak measured and its verdict on memory.</summary>
internal sealed record SoakResult
{
    /// <summary>The rule that decides whether memory stayed flat.</summary>
    public const string FlatRule =
        "flat when, from the first reading at or after the warm-up to the last, the managed heap (GC.GetTotalMemory) grew by at most max(2 MiB, 5%) and RSS by at most max(8 MiB, 5%)";

    /// <summary>The model file.</summary>
    public required string Model { get; init; }

    /// <summary>Where the audio came from, and how long one loop of it is.</summary>
    public required string Source { get; init; }

    /// <summary>The soak's settings.</summary>
    public required SoakOptions Options { get; init; }

    /// <summary>The service settings given on the command line.</summary>
    public required IReadOnlyList<string> Overrides { get; init; }

    /// <summary>Bytes of the looped audio held in memory during the soak (part of the managed heap and RSS).</summary>
    public required long LoopAudioBytes { get; init; }

    /// <summary>Audio processed, in seconds.</summary>
    public required double AudioS { get; init; }

    /// <summary>Wall time, in seconds.</summary>
    public required double WallS { get; init; }

    /// <summary>Audio seconds per wall second.</summary>
    public double RealTimeFactor => AudioS / Math.Max(WallS, 1e-9);

    /// <summary>Process CPU seconds spent per hour of audio (from the first to the last reading).</summary>
    public required double CpuSecondsPerAudioHour { get; init; }

    /// <summary>CPU per hour of audio as a share of one core in real time.</summary>
    public double CoreShareInRealTime => CpuSecondsPerAudioHour / 3600;

    /// <summary>Bytes the pipeline's thread allocated per hour of audio after the warm-up (the readings' own included).</summary>
    public required double AllocatedBytesPerAudioHourAfterWarmup { get; init; }

    /// <summary>Bytes allocated inside the pipeline's Process calls after the warm-up (0 for an allocation-free steady state).</summary>
    public required long PipelineAllocatedBytesAfterWarmup { get; init; }

    /// <summary>Detections over the run.</summary>
    public required long Detections { get; init; }

    /// <summary>Model runs over the run.</summary>
    public required long Inferences { get; init; }

    /// <summary>Share of hops with the energy gate open.</summary>
    public required double GateOpenShare { get; init; }

    /// <summary>The reading compared against (first at or after the warm-up).</summary>
    public required SoakSample WarmedUp { get; init; }

    /// <summary>The last reading.</summary>
    public required SoakSample End { get; init; }

    /// <summary>Managed heap growth from warm-up to end, in bytes.</summary>
    public long ManagedGrowthBytes => End.ManagedBytes - WarmedUp.ManagedBytes;

    /// <summary>RSS growth from warm-up to end, in bytes.</summary>
    public long RssGrowthBytes => End.RssBytes - WarmedUp.RssBytes;

    /// <summary>Largest RSS over all readings, in bytes.</summary>
    public long RssMaxBytes => Samples.Max(s => s.RssBytes);

    /// <summary>Whether the managed heap stayed flat by <see cref="FlatRule"/>.</summary>
    public bool ManagedFlat => ManagedGrowthBytes <= Math.Max(2L << 20, WarmedUp.ManagedBytes / 20);

    /// <summary>Whether RSS stayed flat by <see cref="FlatRule"/>.</summary>
    public bool RssFlat => RssGrowthBytes <= Math.Max(8L << 20, WarmedUp.RssBytes / 20);

    /// <summary>Both flat.</summary>
    public bool MemoryFlat => ManagedFlat && RssFlat;

    /// <summary>The rule, for the JSON.</summary>
    public string Rule => FlatRule;

    /// <summary>Every reading, in order.</summary>
    public required IReadOnlyList<SoakSample> Samples { get; init; }
}
