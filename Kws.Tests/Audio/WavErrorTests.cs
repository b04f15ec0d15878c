using System.Buffers.Binary;
using Kws.Audio.Wav;
using TestSupport;

namespace Kws.Tests.Audio;

/// <summary>Every malformed or unsupported file gives a WavFormatException naming the file and the problem.</summary>
public class WavErrorTests
{
    private static readonly byte[] Fmt16 = WavBytes.Fmt(1, 1, 16000, 16);

    private static WavFormatException ReadBroken(byte[] bytes, out string path)
    {
        var dir = TestPaths.NewTempDir("wav-bad");
        path = Path.Combine(dir, "broken.wav");
        File.WriteAllBytes(path, bytes);
        var file = path;
        var e = Assert.Throws<WavFormatException>(() => WavReader.Read(file));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Equal(path, e.SourceName);
        return e;
    }

    private static void AssertProblem(byte[] bytes, params string[] phrases)
    {
        var e = ReadBroken(bytes, out _);
        foreach (var phrase in phrases)
        {
            Assert.Contains(phrase, e.Message);
        }
    }

    [Fact]
    public void EmptyFile() => AssertProblem([], "not a RIFF/WAVE file", "empty");

    [Fact]
    public void TextFile() => AssertProblem("hello, world\n"u8.ToArray(), "not a RIFF/WAVE file", "'hell'");

    [Fact]
    public void RiffOfAnotherForm() => AssertProblem(WavBytes.RiffOfForm("AVI ", WavBytes.Chunk("data", [1, 2])), "not a RIFF/WAVE file", "'AVI '");

    [Fact]
    public void BigEndianRifx()
    {
        var bytes = WavBytes.Riff(Fmt16, WavBytes.Chunk("data", [0, 0]));
        "RIFX"u8.CopyTo(bytes);
        AssertProblem(bytes, "big-endian RIFX");
    }

    [Fact]
    public void HeaderCutShort() => AssertProblem("RIFF\x10\0\0\0WA"u8.ToArray(), "truncated header", "10 bytes");

    [Fact]
    public void ChunkHeaderCutShort() => AssertProblem([.. WavBytes.Riff(Fmt16), .. "dat"u8], "truncated header", "chunk header at byte 36");

    [Fact]
    public void FmtChunkCutShort() => AssertProblem(WavBytes.Riff(Fmt16)[..30], "truncated header", "fmt chunk declares 16 bytes");

    [Fact]
    public void MissingFmt() => AssertProblem(WavBytes.Riff(WavBytes.Chunk("LIST", new byte[4])), "missing fmt chunk");

    [Fact]
    public void MissingData() => AssertProblem(WavBytes.Riff(Fmt16, WavBytes.Chunk("LIST", new byte[4])), "missing data chunk");

    [Fact]
    public void DataCutShort()
    {
        var bytes = WavBytes.Riff(Fmt16, WavBytes.Chunk("data", new byte[100], declaredSize: 32000));
        AssertProblem(bytes, "truncated data", "declares 32000 bytes", "16000 frames", "only 100 bytes follow");
    }

    [Fact]
    public void DataCutShortInAStreamIsFoundWhileReading()
    {
        var bytes = WavBytes.Riff(Fmt16, WavBytes.Chunk("data", new byte[100], declaredSize: 32000));
        var e = Assert.Throws<WavFormatException>(() => WavReader.Read(new NonSeekableStream(bytes)));
        Assert.Equal("stream: truncated data: the data chunk declares 32000 bytes (16000 frames) but the stream ends after 100", e.Message);
    }

    [Fact]
    public void ChunkLargerThanTheFile() =>
        AssertProblem(WavBytes.Riff(Fmt16, WavBytes.Chunk("LIST", new byte[10], declaredSize: 1_000_000)), "bad chunk size", "'LIST' chunk at byte 36 declares 1000000 bytes");

    [Fact]
    public void FmtChunkTooSmall()
    {
        var bytes = WavBytes.Riff(WavBytes.Chunk("fmt ", new byte[12]), WavBytes.Chunk("data", [0, 0]));
        AssertProblem(bytes, "bad chunk size", "fmt chunk is 12 bytes; it needs at least 16");
    }

    [Fact]
    public void DataNotWholeFrames() =>
        AssertProblem(WavBytes.Riff(WavBytes.Fmt(1, 2, 16000, 16), WavBytes.Chunk("data", new byte[6])), "bad chunk size", "6 bytes, not a whole number of 4-byte frames");

    [Theory]
    [InlineData(0x0055, "format tag 0x0055 (MPEG Layer 3) is not supported; use PCM 16/24/32-bit or float32")]
    [InlineData(0x0006, "format tag 0x0006 (A-law) is not supported")]
    [InlineData(0x0011, "format tag 0x0011 (IMA ADPCM) is not supported")]
    [InlineData(0x1234, "format tag 0x1234 (unknown codec) is not supported")]
    public void OtherCodecs(int tag, string message) =>
        AssertProblem(WavBytes.Riff(WavBytes.Fmt((ushort)tag, 1, 16000, 4, blockAlign: 256), WavBytes.Chunk("data", new byte[256])), message);

    [Fact]
    public void ExtensibleWithAnotherCodec() =>
        AssertProblem(WavBytes.Riff(WavBytes.FmtExtensible(0x0055, 1, 16000, 16, 16), WavBytes.Chunk("data", [0, 0])), "format tag 0x0055 (MPEG Layer 3) (WAVE_FORMAT_EXTENSIBLE sub-format) is not supported");

    [Fact]
    public void ExtensibleWithAForeignGuid() =>
        AssertProblem(WavBytes.Riff(WavBytes.FmtExtensible(1, 1, 16000, 16, 16, guidTail: new byte[12]), WavBytes.Chunk("data", [0, 0])), "WAVE_FORMAT_EXTENSIBLE sub-format 00000001-0000-0000-0000-000000000000 is not supported");

    [Fact]
    public void ExtensibleFmtTooShort()
    {
        var fmt = WavBytes.Fmt(0xFFFE, 1, 16000, 16);
        AssertProblem(WavBytes.Riff(fmt, WavBytes.Chunk("data", [0, 0])), "WAVE_FORMAT_EXTENSIBLE fmt chunk is 16 bytes; it needs 40");
    }

    [Fact]
    public void EightBitPcm() =>
        AssertProblem(WavBytes.Riff(WavBytes.Fmt(1, 1, 8000, 8), WavBytes.Chunk("data", [128, 128])), "PCM with 8 bits per sample is not supported");

    [Fact]
    public void DoubleFloat() =>
        AssertProblem(WavBytes.Riff(WavBytes.Fmt(3, 1, 8000, 64), WavBytes.Chunk("data", new byte[8])), "IEEE float with 64 bits per sample is not supported");

    [Fact]
    public void BlockAlignDisagreesWithBits() =>
        AssertProblem(WavBytes.Riff(WavBytes.Fmt(1, 2, 16000, 16, blockAlign: 6), WavBytes.Chunk("data", new byte[12])), "bits per sample (16) do not match the block align", "need 4 bytes per frame, the header says 6");

    [Fact]
    public void ZeroChannels() =>
        AssertProblem(WavBytes.Riff(WavBytes.Fmt(1, 0, 16000, 16, blockAlign: 2), WavBytes.Chunk("data", new byte[2])), "zero channels");

    [Fact]
    public void ZeroRate() =>
        AssertProblem(WavBytes.Riff(WavBytes.Fmt(1, 1, 0, 16), WavBytes.Chunk("data", new byte[2])), "sample rate of 0 Hz");

    [Fact]
    public void SecondFmtChunk() =>
        AssertProblem(WavBytes.Riff(Fmt16, Fmt16, WavBytes.Chunk("data", new byte[2])), "a second fmt chunk");

    [Fact]
    public void DataBeforeFmtInAPipe()
    {
        var bytes = WavBytes.Riff(WavBytes.Chunk("data", new byte[2]), Fmt16);
        var e = Assert.Throws<WavFormatException>(() => WavReader.Read(new NonSeekableStream(bytes), "mic"));
        Assert.StartsWith("mic: the data chunk comes before the fmt chunk", e.Message);
    }

    [Fact]
    public void RiffSizeTooSmall()
    {
        var bytes = WavBytes.Riff(Fmt16, WavBytes.Chunk("data", new byte[2]));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 2);
        AssertProblem(bytes, "bad chunk size", "RIFF size is 2");
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        var path = Path.Combine(TestPaths.NewTempDir("wav-bad"), "absent.wav");
        var e = Assert.Throws<FileNotFoundException>(() => WavReader.Read(path));
        Assert.Contains(path, e.Message);
    }
}
