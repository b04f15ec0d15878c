namespace Kws.Audio;

/// <summary>
/// The audio the detection pipeline consumes: mono float32 at one fixed rate. Every source (microphone, file, standard
/// input) converts to it, and every model's front end must expect it.
/// </summary>
public static class PipelineAudio
{
    /// <summary>The pipeline's sample rate, in Hz.</summary>
    public const int SampleRateHz = 16000;

    /// <summary>The pipeline's format: <see cref="SampleRateHz"/>, mono, float32.</summary>
    public static AudioFormat Format => new(SampleRateHz, 1, SampleType.Float32);
}
