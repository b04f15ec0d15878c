using Kws.Audio;

namespace Kws.Detection.Composition;

/// <summary>What one replay found and how fast it ran.</summary>
/// <param name="Detections">Detections made.</param>
/// <param name="Samples">Samples fed.</param>
/// <param name="ProcessingSeconds">Wall-clock time the replay took.</param>
public sealed record ReplayResult(long Detections, long Samples, double ProcessingSeconds)
{
    /// <summary>Seconds of audio fed.</summary>
    public double AudioSeconds => Samples / (double)PipelineAudio.SampleRateHz;

    /// <summary>Audio seconds per processing second.</summary>
    public double RealTimeFactor => AudioSeconds / Math.Max(ProcessingSeconds, 1e-9);
}
