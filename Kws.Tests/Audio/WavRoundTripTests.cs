using Kws.Audio;
using Kws.Audio.Wav;
using TestSupport;

namespace Kws.Tests.Audio;

public class WavRoundTripTests
{
    /// <summary>Samples exactly representable in the type, including both full-scale ends.</summary>
    private static float[] Representable(SampleType type, int count, int seed)
    {
        var random = new Random(seed);
        var x = new float[count];
        for (var i = 0; i < count; i++)
        {
            x[i] = type switch
            {
                SampleType.Int16 => random.Next(-32768, 32768) / 32768f,
                SampleType.Int24 => random.Next(-8388608, 8388608) / 8388608f,
                SampleType.Int32 => (random.Next(-8388608, 8388608) * 256L) / 2147483648f,
                _ => (float)((random.NextDouble() * 2) - 1),
            };
        }

        x[0] = -1f;
        x[1] = type == SampleType.Float32 ? 1f : x[1];
        return x;
    }

    [Theory]
    [InlineData(SampleType.Int16, 1, false)]
    [InlineData(SampleType.Int16, 2, true)]
    [InlineData(SampleType.Int24, 1, false)]
    [InlineData(SampleType.Int24, 3, true)]
    [InlineData(SampleType.Int32, 1, true)]
    [InlineData(SampleType.Int32, 2, false)]
    [InlineData(SampleType.Float32, 1, false)]
    [InlineData(SampleType.Float32, 2, true)]
    [InlineData(SampleType.Float32, 6, false)]
    public void FloatSamplesSurviveWriterAndReader(SampleType type, int channels, bool extensible)
    {
        var dir = TestPaths.NewTempDir("wav-rt");
        var path = Path.Combine(dir, $"{type}-{channels}.wav");
        var format = new AudioFormat(22050, channels, type);
        var samples = Representable(type, 1001 * channels, seed: channels);

        WavWriter.Write(path, samples, format, extensible);
        var audio = WavReader.Read(path);
        var info = WavReader.ReadInfo(path);

        Assert.Equal(format, audio.Format);
        Assert.Equal(1001, audio.FrameCount);
        Assert.Equal(extensible, info.Extensible);
        Assert.Equal(format.BytesPerSample * 8, info.ValidBitsPerSample);
        Assert.Equal(samples, audio.ToFloatInterleaved());
        Assert.Equal(0, new FileInfo(path).Length % 2);
    }

    [Fact]
    public void StoredBytesSurviveWithPadByteForOddData()
    {
        var dir = TestPaths.NewTempDir("wav-rt");
        var path = Path.Combine(dir, "odd.wav");
        var data = new byte[3 * 7];
        new Random(5).NextBytes(data);
        var audio = new WavAudio(new AudioFormat(8000, 1, SampleType.Int24), data);

        WavWriter.Write(path, audio);
        var back = WavReader.Read(path);

        Assert.Equal(44 + 21 + 1, new FileInfo(path).Length);
        Assert.Equal(data, back.Data.ToArray());
        Assert.Equal(audio.Format, back.Format);
    }

    [Fact]
    public void Pcm16WriterRoundsAndClips()
    {
        var dir = TestPaths.NewTempDir("wav-rt");
        var path = Path.Combine(dir, "clip.wav");
        float[] input = [1.5f, -1.5f, 1f, -1f, float.NaN, 0.25f, 100f / 32768 + (0.4f / 32768), -(100f / 32768) - (0.6f / 32768)];

        WavWriter.WritePcm16(path, input, 16000);
        var stored = WavReader.Read(path).Data.ToArray();
        var values = Enumerable.Range(0, input.Length).Select(i => BitConverter.ToInt16(stored, 2 * i)).ToArray();

        Assert.Equal(new short[] { 32767, -32768, 32767, -32768, 0, 8192, 100, -101 }, values);
    }

    [Fact]
    public void Float32WriterKeepsValuesBeyondFullScale()
    {
        var dir = TestPaths.NewTempDir("wav-rt");
        var path = Path.Combine(dir, "f.wav");
        float[] input = [1.5f, -2f, 0.123456789f, 1e-30f];

        WavWriter.WriteFloat32(path, input, 48000, channels: 2);
        var audio = WavReader.Read(path);

        Assert.Equal(new AudioFormat(48000, 2, SampleType.Float32), audio.Format);
        Assert.Equal(input, audio.ToFloatInterleaved());
    }

    [Fact]
    public void FloatMonoAveragesTheChannels()
    {
        var dir = TestPaths.NewTempDir("wav-rt");
        var path = Path.Combine(dir, "st.wav");
        float[] stereo = [0.5f, 0.25f, -1f, 0.5f, 0.75f, -0.25f];

        WavWriter.Write(path, stereo, new AudioFormat(16000, 2, SampleType.Int16));
        var mono = WavReader.ReadFloatMono(path, out var rate);
        var interleaved = WavReader.ReadFloatInterleaved(path, out var format);

        Assert.Equal(16000, rate);
        Assert.Equal(new AudioFormat(16000, 2, SampleType.Int16), format);
        Assert.Equal(stereo, interleaved);
        Assert.Equal(new[] { 0.375f, -0.25f, 0.25f }, mono);
    }

    [Fact]
    public void StreamsThatCannotSeekReadTheSameAsFiles()
    {
        var samples = Representable(SampleType.Int24, 2 * 500, seed: 9);
        using var memory = new MemoryStream();
        WavWriter.Write(memory, samples, new AudioFormat(32000, 2, SampleType.Int24), extensible: true);

        var audio = WavReader.Read(new NonSeekableStream(memory.ToArray()), "pipe");
        var mono = WavReader.ReadFloatMono(new MemoryStream(memory.ToArray()), out var rate);

        Assert.Equal(new AudioFormat(32000, 2, SampleType.Int24), audio.Format);
        Assert.Equal(samples, audio.ToFloatInterleaved());
        Assert.Equal(32000, rate);
        Assert.Equal(500, mono.Length);
        Assert.Equal((samples[2] + samples[3]) / 2, mono[1]);
    }

    [Fact]
    public void FrameReaderReadsBlocksThatJoinToTheWhole()
    {
        var samples = Representable(SampleType.Int16, 3 * 40_000, seed: 3);
        using var memory = new MemoryStream();
        WavWriter.Write(memory, samples, new AudioFormat(16000, 3, SampleType.Int16));
        memory.Position = 0;

        using var reader = new WavFrameReader(memory, "mem", leaveOpen: true);
        var joined = new List<float>();
        var block = new float[3 * 999];
        int frames;
        while ((frames = reader.ReadFloat(block)) > 0)
        {
            joined.AddRange(block.AsSpan(0, frames * 3).ToArray());
        }

        Assert.Equal(40_000, reader.Info.FrameCount);
        Assert.Equal(0, reader.FramesRemaining);
        Assert.Equal(samples, joined.ToArray());
    }

    [Fact]
    public void UnknownAndOddSizedChunksAreSkipped()
    {
        var dir = TestPaths.NewTempDir("wav-rt");
        var path = Path.Combine(dir, "chunks.wav");
        File.WriteAllBytes(path, WavBytes.Riff(
            WavBytes.Chunk("JUNK", new byte[3]),
            WavBytes.Fmt(1, 1, 16000, 16),
            WavBytes.Chunk("fact", new byte[4]),
            WavBytes.Chunk("LIST", "INFOISFT\u0005\0\0\0Lavf5"u8.ToArray()),
            WavBytes.Chunk("data", WavBytes.Pcm16(1, -2, 3)),
            WavBytes.Chunk("id3 ", new byte[11])));

        var audio = WavReader.Read(path);

        Assert.Equal(new[] { 1 / 32768f, -2 / 32768f, 3 / 32768f }, audio.ToFloatInterleaved());
    }

    [Fact]
    public void DataBeforeFmtIsReadFromASeekableFile()
    {
        var dir = TestPaths.NewTempDir("wav-rt");
        var path = Path.Combine(dir, "late-fmt.wav");
        File.WriteAllBytes(path, WavBytes.Riff(
            WavBytes.Chunk("data", WavBytes.Pcm16(7, 8)),
            WavBytes.Fmt(1, 2, 8000, 16)));

        var audio = WavReader.Read(path);

        Assert.Equal(new AudioFormat(8000, 2, SampleType.Int16), audio.Format);
        Assert.Equal(new[] { 7 / 32768f, 8 / 32768f }, audio.ToFloatInterleaved());
    }

    [Fact]
    public void ExtensibleWithFewerValidBitsReadsTheContainer()
    {
        using var stream = new MemoryStream(WavBytes.Riff(
            WavBytes.FmtExtensible(1, 1, 16000, 24, validBits: 20),
            WavBytes.Chunk("data", [0x10, 0x00, 0x80])));

        var info = new WavFrameReader(stream).Info;

        Assert.Equal(new AudioFormat(16000, 1, SampleType.Int24), info.Format);
        Assert.Equal(20, info.ValidBitsPerSample);
        Assert.True(info.Extensible);
    }

    [Fact]
    public void EmptyDataChunkIsZeroFrames()
    {
        var audio = WavReader.Read(new MemoryStream(WavBytes.Riff(WavBytes.Fmt(3, 1, 16000, 32), WavBytes.Chunk("data", []))));

        Assert.Equal(0, audio.FrameCount);
        Assert.Empty(audio.ToFloatMono());
    }
}
