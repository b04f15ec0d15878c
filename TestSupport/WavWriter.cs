using Kws.Audio;
using Kws.Audio.Wav;
using System.Buffers.Binary;
using Kws.Audio.Conversion;

namespace TestSupport;

/// <summary>
/// Writes WAV files: PCM 16-bit (rounded and clipped), 24- and 32-bit, or IEEE float32, one or more channels. The fmt
/// chunk is the plain 16-byte one (format tag 1 or 3) that every reader understands, or WAVE_FORMAT_EXTENSIBLE when
/// asked for.
/// </summary>
public static class WavWriter
{
    // The format tags, written out here rather than taken from the reader: the tests check the reader against a
    // writer of their own.
    private const ushort PcmTag = 0x0001;
    private const ushort IeeeFloatTag = 0x0003;
    private const ushort ExtensibleTag = 0xFFFE;

    private static ReadOnlySpan<byte> SubFormatGuidTail => [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private const int BlockFrames = 16 * 1024;

    /// <summary>Writes stored audio to a file (created or replaced).</summary>
    /// <param name="path">The file.</param>
    /// <param name="audio">Samples and their format.</param>
    /// <param name="extensible">Write a WAVE_FORMAT_EXTENSIBLE fmt chunk instead of the plain one.</param>
    public static void Write(string path, WavAudio audio, bool extensible = false)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        Write(stream, audio, extensible);
    }

    /// <summary>Writes stored audio to a stream at its current position; the stream is left open.</summary>
    /// <param name="stream">Where the file goes.</param>
    /// <param name="audio">Samples and their format.</param>
    /// <param name="extensible">Write a WAVE_FORMAT_EXTENSIBLE fmt chunk instead of the plain one.</param>
    public static void Write(Stream stream, WavAudio audio, bool extensible = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(audio);
        WriteHeader(stream, audio.Format, audio.Data.Length, extensible);
        stream.Write(audio.Data.Span);
        WritePad(stream, audio.Data.Length);
    }

    /// <summary>Encodes float samples in <paramref name="format"/> and writes them to a file (created or replaced).</summary>
    /// <param name="path">The file.</param>
    /// <param name="interleaved">Interleaved samples, nominally in [-1, 1]; a whole number of frames.</param>
    /// <param name="format">Rate, channels and the sample type to store (integers are rounded and clipped).</param>
    /// <param name="extensible">Write a WAVE_FORMAT_EXTENSIBLE fmt chunk instead of the plain one.</param>
    public static void Write(string path, ReadOnlySpan<float> interleaved, AudioFormat format, bool extensible = false)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        Write(stream, interleaved, format, extensible);
    }

    /// <summary>Encodes float samples in <paramref name="format"/> and writes them to a stream; it is left open.</summary>
    /// <param name="stream">Where the file goes.</param>
    /// <param name="interleaved">Interleaved samples, nominally in [-1, 1]; a whole number of frames.</param>
    /// <param name="format">Rate, channels and the sample type to store (integers are rounded and clipped).</param>
    /// <param name="extensible">Write a WAVE_FORMAT_EXTENSIBLE fmt chunk instead of the plain one.</param>
    public static void Write(Stream stream, ReadOnlySpan<float> interleaved, AudioFormat format, bool extensible = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(format.Channels, 1);
        if (interleaved.Length % format.Channels != 0)
        {
            throw new ArgumentException($"{interleaved.Length} samples are not a whole number of {format.Channels}-channel frames.", nameof(interleaved));
        }

        var dataBytes = (long)interleaved.Length * format.BytesPerSample;
        WriteHeader(stream, format, dataBytes, extensible);
        var block = new byte[BlockFrames * format.BytesPerFrame];
        var perBlock = BlockFrames * format.Channels;
        for (var i = 0; i < interleaved.Length; i += perBlock)
        {
            var part = interleaved.Slice(i, Math.Min(perBlock, interleaved.Length - i));
            var n = SampleEncoder.FromFloat(part, format.SampleType, block);
            stream.Write(block, 0, n);
        }

        WritePad(stream, dataBytes);
    }

    /// <summary>Writes float samples as 16-bit PCM (rounded, clipped to [-32768, 32767]).</summary>
    /// <param name="path">The file (created or replaced).</param>
    /// <param name="interleaved">Interleaved samples in [-1, 1].</param>
    /// <param name="sampleRateHz">Frames per second.</param>
    /// <param name="channels">Channels per frame.</param>
    public static void WritePcm16(string path, ReadOnlySpan<float> interleaved, int sampleRateHz, int channels = 1) =>
        Write(path, interleaved, new AudioFormat(sampleRateHz, channels, SampleType.Int16));

    /// <summary>Writes float samples as IEEE float32 (not clipped).</summary>
    /// <param name="path">The file (created or replaced).</param>
    /// <param name="interleaved">Interleaved samples.</param>
    /// <param name="sampleRateHz">Frames per second.</param>
    /// <param name="channels">Channels per frame.</param>
    public static void WriteFloat32(string path, ReadOnlySpan<float> interleaved, int sampleRateHz, int channels = 1) =>
        Write(path, interleaved, new AudioFormat(sampleRateHz, channels, SampleType.Float32));

    private static void WriteHeader(Stream stream, AudioFormat format, long dataBytes, bool extensible)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(format.SampleRateHz, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(format.Channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(format.Channels, ushort.MaxValue);
        var fmtBytes = extensible ? 40 : 16;
        var riffBytes = 4 + (8 + fmtBytes) + (8 + dataBytes + (dataBytes & 1));
        if (riffBytes > uint.MaxValue)
        {
            throw new ArgumentException($"{dataBytes} bytes of samples do not fit in a RIFF WAV file (4 GiB at most).", nameof(dataBytes));
        }

        var bits = format.BytesPerSample * 8;
        var tag = format.SampleType == SampleType.Float32 ? IeeeFloatTag : PcmTag;
        Span<byte> h = stackalloc byte[12 + 8 + fmtBytes + 8];
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)riffBytes);
        "WAVE"u8.CopyTo(h[8..]);
        "fmt "u8.CopyTo(h[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], (uint)fmtBytes);
        var f = h[20..];
        BinaryPrimitives.WriteUInt16LittleEndian(f, extensible ? ExtensibleTag : tag);
        BinaryPrimitives.WriteUInt16LittleEndian(f[2..], (ushort)format.Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(f[4..], (uint)format.SampleRateHz);
        BinaryPrimitives.WriteUInt32LittleEndian(f[8..], (uint)(format.SampleRateHz * (long)format.BytesPerFrame));
        BinaryPrimitives.WriteUInt16LittleEndian(f[12..], (ushort)format.BytesPerFrame);
        BinaryPrimitives.WriteUInt16LittleEndian(f[14..], (ushort)bits);
        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(f[16..], 22);
            BinaryPrimitives.WriteUInt16LittleEndian(f[18..], (ushort)bits);
            BinaryPrimitives.WriteUInt32LittleEndian(f[20..], ChannelMask(format.Channels));
            BinaryPrimitives.WriteUInt32LittleEndian(f[24..], tag);
            SubFormatGuidTail.CopyTo(f[28..]);
        }

        var d = h[(20 + fmtBytes)..];
        "data"u8.CopyTo(d);
        BinaryPrimitives.WriteUInt32LittleEndian(d[4..], (uint)dataBytes);
        stream.Write(h);
    }

    private static uint ChannelMask(int channels) => channels switch
    {
        1 => 0x4,
        2 => 0x3,
        < 32 => (1u << channels) - 1,
        _ => 0,
    };

    private static void WritePad(Stream stream, long dataBytes)
    {
        if ((dataBytes & 1) != 0)
        {
            stream.WriteByte(0);
        }
    }
}
