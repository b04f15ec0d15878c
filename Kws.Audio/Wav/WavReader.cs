namespace Kws.Audio.Wav;

/// <summary>
/// Reads whole WAV files: PCM 16/24/32-bit integer and IEEE float32, any rate, one or more channels, plain or
/// WAVE_FORMAT_EXTENSIBLE (PCM and float sub-formats). Unknown chunks (LIST, fact, ...) are skipped, odd-sized chunks
/// with their pad byte. Anything else throws a <see cref="WavFormatException"/> that names the file (or "stream") and
/// the problem. For files too long to hold in memory use <see cref="WavFrameReader"/>.
/// </summary>
public static class WavReader
{
    /// <summary>Reads a WAV file whole.</summary>
    /// <param name="path">The file; named in error messages.</param>
    public static WavAudio Read(string path)
    {
        using var reader = WavFrameReader.Open(path);
        return ReadAll(reader, path);
    }

    /// <summary>Reads a WAV stream whole, from its current position (the "RIFF" tag); the stream is left open.</summary>
    /// <param name="stream">Seekable or not.</param>
    /// <param name="name">Named in error messages; "stream" when null.</param>
    public static WavAudio Read(Stream stream, string? name = null)
    {
        using var reader = new WavFrameReader(stream, name, leaveOpen: true);
        return ReadAll(reader, name ?? "stream");
    }

    /// <summary>Reads only the header of a WAV file.</summary>
    /// <param name="path">The file; named in error messages.</param>
    public static WavInfo ReadInfo(string path)
    {
        using var reader = WavFrameReader.Open(path);
        return reader.Info;
    }

    /// <summary>Reads a WAV file as interleaved float samples.</summary>
    /// <param name="path">The file; named in error messages.</param>
    /// <param name="format">The stored format (its sample type is what the file holds, not float).</param>
    public static float[] ReadFloatInterleaved(string path, out AudioFormat format)
    {
        var audio = Read(path);
        format = audio.Format;
        return audio.ToFloatInterleaved();
    }

    /// <summary>Reads a WAV file as float mono: each frame is the average of its channels.</summary>
    /// <param name="path">The file; named in error messages.</param>
    /// <param name="sampleRateHz">The file's sample rate.</param>
    public static float[] ReadFloatMono(string path, out int sampleRateHz)
    {
        var audio = Read(path);
        sampleRateHz = audio.Format.SampleRateHz;
        return audio.ToFloatMono();
    }

    /// <summary>Reads a WAV stream as float mono: each frame is the average of its channels.</summary>
    /// <param name="stream">Positioned at the "RIFF" tag; left open.</param>
    /// <param name="sampleRateHz">The stream's sample rate.</param>
    /// <param name="name">Named in error messages; "stream" when null.</param>
    public static float[] ReadFloatMono(Stream stream, out int sampleRateHz, string? name = null)
    {
        var audio = Read(stream, name);
        sampleRateHz = audio.Format.SampleRateHz;
        return audio.ToFloatMono();
    }

    private static WavAudio ReadAll(WavFrameReader reader, string source)
    {
        var bytes = reader.Info.DataBytes;
        if (bytes > Array.MaxLength)
        {
            throw new WavFormatException(source, $"the data chunk is {bytes} bytes, too large to read whole; read it by blocks with {nameof(WavFrameReader)}");
        }

        var data = new byte[bytes];
        reader.ReadRaw(data);
        return new WavAudio(reader.Format, data);
    }
}
