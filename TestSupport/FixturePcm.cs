using Kws.Audio;
using Kws.Audio.Conversion;
using Kws.Audio.Wav;

namespace TestSupport;

/// <summary>The committed synthetic stream (tests/fixtures/stream_yes_no.wav) as raw 16 kHz S16_LE mono, what the stdin source reads.</summary>
public static class FixturePcm
{
    /// <summary>The stream's samples as little-endian 16-bit PCM bytes (the file's own samples, converted back exactly).</summary>
    public static byte[] StreamYesNo()
    {
        var samples = WavReader.ReadFloatMono(Path.Combine(TestPaths.Fixtures, "stream_yes_no.wav"), out var rate);
        Assert.Equal(16000, rate);
        var bytes = new byte[samples.Length * 2];
        SampleEncoder.FromFloat(samples, SampleType.Int16, bytes);
        return bytes;
    }
}
