namespace Kws.Audio.Wav;

/// <summary>What a WAV header says about the audio in its data chunk.</summary>
/// <param name="Format">Rate, channels and sample type of the data.</param>
/// <param name="FrameCount">Frames in the data chunk (one sample of every channel per frame).</param>
/// <param name="ValidBitsPerSample">Bits that carry signal; below the container size only in WAVE_FORMAT_EXTENSIBLE files.</param>
/// <param name="Extensible">Whether the fmt chunk is WAVE_FORMAT_EXTENSIBLE.</param>
public sealed record WavInfo(AudioFormat Format, long FrameCount, int ValidBitsPerSample, bool Extensible)
{
    /// <summary>Bytes of sample data in the data chunk (without the pad byte).</summary>
    public long DataBytes => FrameCount * Format.BytesPerFrame;

    /// <summary>How long the audio plays.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / Format.SampleRateHz);
}
