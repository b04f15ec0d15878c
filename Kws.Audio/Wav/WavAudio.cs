using Kws.Audio.Conversion;

namespace Kws.Audio.Wav;

/// <summary>
/// Audio as stored in a WAV data chunk: interleaved little-endian samples together with their <see cref="AudioFormat"/>,
/// so the format travels with the data. Conversions to float scale integers by a power of two (see
/// <see cref="SampleConverter"/>).
/// </summary>
public sealed class WavAudio
{
    private readonly byte[] _data;

    /// <summary>Wraps stored sample bytes (not copied) in a given format.</summary>
    /// <param name="format">Rate, channels and sample type of <paramref name="data"/>.</param>
    /// <param name="data">Interleaved little-endian samples; a whole number of frames.</param>
    public WavAudio(AudioFormat format, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(format.SampleRateHz, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(format.Channels, 1);
        if (data.Length % format.BytesPerFrame != 0)
        {
            throw new ArgumentException($"{data.Length} bytes are not a whole number of {format.BytesPerFrame}-byte frames ({format}).", nameof(data));
        }

        Format = format;
        _data = data;
    }

    /// <summary>Rate, channels and sample type.</summary>
    public AudioFormat Format { get; }

    /// <summary>Interleaved little-endian samples as stored.</summary>
    public ReadOnlyMemory<byte> Data => _data;

    /// <summary>Frames (one sample of every channel).</summary>
    public int FrameCount => _data.Length / Format.BytesPerFrame;

    /// <summary>How long the audio plays.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / Format.SampleRateHz);

    /// <summary>All samples as float, interleaved (frame by frame, channel by channel).</summary>
    public float[] ToFloatInterleaved()
    {
        var result = new float[FrameCount * Format.Channels];
        SampleConverter.ToFloat(_data, Format.SampleType, result);
        return result;
    }

    /// <summary>One float per frame: the average of its channels (a copy for mono).</summary>
    public float[] ToFloatMono()
    {
        var interleaved = ToFloatInterleaved();
        if (Format.Channels == 1)
        {
            return interleaved;
        }

        var mono = new float[FrameCount];
        SampleConverter.MixToMono(interleaved, Format.Channels, mono);
        return mono;
    }
}
