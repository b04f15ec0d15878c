namespace Kws.Audio;

/// <summary>How samples are stored: the format travels with the data.</summary>
public enum SampleType
{
    /// <summary>Signed 16-bit integer.</summary>
    Int16,
    /// <summary>Signed 24-bit integer, packed in 3 bytes.</summary>
    Int24,
    /// <summary>Signed 32-bit integer.</summary>
    Int32,
    /// <summary>IEEE 754 32-bit float, nominal range [-1, 1].</summary>
    Float32,
}

/// <summary>The format of a stream of audio frames: rate, channel count and sample type.</summary>
/// <param name="SampleRateHz">Frames per second.</param>
/// <param name="Channels">Interleaved channels per frame (1 or more).</param>
/// <param name="SampleType">How one sample is stored.</param>
public readonly record struct AudioFormat(int SampleRateHz, int Channels, SampleType SampleType)
{
    /// <summary>16 kHz mono float32: the format the front end consumes.</summary>
    public static AudioFormat Mono16kFloat => PipelineAudio.Format;

    /// <summary>Bytes one sample takes.</summary>
    public int BytesPerSample => SampleType switch
    {
        SampleType.Int16 => 2,
        SampleType.Int24 => 3,
        SampleType.Int32 => 4,
        SampleType.Float32 => 4,
        _ => throw new InvalidOperationException($"Unknown sample type {SampleType}."),
    };

    /// <summary>Bytes one frame (one sample of every channel) takes.</summary>
    public int BytesPerFrame => BytesPerSample * Channels;

    /// <inheritdoc />
    public override string ToString() => $"{SampleRateHz} Hz, {Channels} ch, {SampleType}";
}
