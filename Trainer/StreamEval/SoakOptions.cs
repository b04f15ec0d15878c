namespace Trainer.StreamEval;

/// <summary>How long a soak runs, how it paces the audio and how often it reads the process.</summary>
internal sealed record SoakOptions
{
    /// <summary>Audio to process, in minutes.</summary>
    public double Minutes { get; init; } = 60;

    /// <summary>Pace the audio in real time (else as fast as the pipeline goes).</summary>
    public bool Realtime { get; init; }

    /// <summary>A reading every this many seconds of audio.</summary>
    public double SampleEveryS { get; init; } = 60;

    /// <summary>Audio before the reading that memory is compared against; null = 10% of the run, at least 60 s, at most 300 s.</summary>
    public double? WarmupS { get; init; }

    /// <summary>The warm-up in force.</summary>
    public double EffectiveWarmupS => WarmupS ?? Math.Clamp(Minutes * 6, 60, 300);
}
