using System.Buffers.Binary;
using System.Text;

namespace Kws.Audio.Wav;

/// <summary>
/// Walks the RIFF chunks of a WAV file up to its data chunk: checks the RIFF/WAVE header, parses fmt (plain or
/// WAVE_FORMAT_EXTENSIBLE), skips unknown chunks (LIST, fact, ...) with their pad bytes, and leaves the stream at the
/// first byte of sample data. Every problem becomes a <see cref="WavFormatException"/> naming the source.
/// </summary>
internal static class WavHeaderParser
{
    private const int MaxFmtBytes = 4096;

    /// <summary>Parses the header; the stream is left at the start of the sample data.</summary>
    public static WavInfo Parse(Stream stream, string source)
    {
        Span<byte> riff = stackalloc byte[12];
        var got = StreamIo.ReadFull(stream, riff);
        if (got == 0)
        {
            throw new WavFormatException(source, "not a RIFF/WAVE file: it is empty");
        }

        CheckRiffHeader(source, riff[..got]);
        if (got < 12)
        {
            throw new WavFormatException(source, $"truncated header: the file ends after {got} bytes, inside the 12-byte RIFF header");
        }

        long offset = 12;
        Fmt? fmt = null;
        long? earlyDataPosition = null;
        uint earlyDataSize = 0;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (true)
        {
            got = StreamIo.ReadFull(stream, chunkHeader);
            if (got == 0)
            {
                if (fmt is null)
                {
                    throw new WavFormatException(source, "missing fmt chunk: the file ends without one");
                }

                if (earlyDataPosition is { } position)
                {
                    stream.Position = position;
                    return Finish(source, stream, fmt.Value, earlyDataSize);
                }

                throw new WavFormatException(source, "missing data chunk: the file ends without one");
            }

            if (got < 8)
            {
                throw new WavFormatException(source, $"truncated header: the chunk header at byte {offset} is cut short ({got} of 8 bytes)");
            }

            var id = ChunkId(chunkHeader[..4]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            offset += 8;
            var padded = size + (size & 1);

            if (id == "fmt ")
            {
                if (fmt is not null)
                {
                    throw new WavFormatException(source, $"bad chunk: a second fmt chunk at byte {offset - 8}");
                }

                fmt = ReadFmt(source, stream, size);
                SkipPad(stream, size);
            }
            else if (id == "data")
            {
                if (fmt is { } f)
                {
                    return Finish(source, stream, f, size);
                }

                if (!stream.CanSeek)
                {
                    throw new WavFormatException(source, "the data chunk comes before the fmt chunk, which a stream that cannot seek cannot be read from");
                }

                earlyDataPosition = stream.Position;
                earlyDataSize = size;
                SkipChunk(source, stream, id, offset, padded, size);
            }
            else
            {
                SkipChunk(source, stream, id, offset, padded, size);
            }

            offset += padded;
        }
    }

    private static void CheckRiffHeader(string source, ReadOnlySpan<byte> head)
    {
        var tag = head.Length >= 4 ? Encoding.ASCII.GetString(head[..4]) : string.Empty;
        switch (tag)
        {
            case "RIFF":
                break;
            case "RIFX":
                throw new WavFormatException(source, "big-endian RIFX WAV files are not supported; use little-endian RIFF");
            case "RF64":
                throw new WavFormatException(source, "RF64 (64-bit) WAV files are not supported; use RIFF WAV files under 4 GiB");
            default:
                if (head.Length < 4 && "RIFF"u8.StartsWith(head))
                {
                    throw new WavFormatException(source, $"truncated header: the file ends after {head.Length} bytes, inside the 12-byte RIFF header");
                }

                throw new WavFormatException(source, $"not a RIFF/WAVE file: it starts with {Describe(head[..Math.Min(4, head.Length)])}, not 'RIFF'");
        }

        if (head.Length >= 12)
        {
            var form = head[8..12];
            if (!form.SequenceEqual("WAVE"u8))
            {
                throw new WavFormatException(source, $"not a RIFF/WAVE file: the RIFF form type is {Describe(form)}, not 'WAVE'");
            }

            if (BinaryPrimitives.ReadUInt32LittleEndian(head[4..]) < 4)
            {
                throw new WavFormatException(source, $"bad chunk size: the RIFF size is {BinaryPrimitives.ReadUInt32LittleEndian(head[4..])}, too small to hold 'WAVE'");
            }
        }
    }

    private static Fmt ReadFmt(string source, Stream stream, uint size)
    {
        if (size < 16)
        {
            throw new WavFormatException(source, $"bad chunk size: the fmt chunk is {size} bytes; it needs at least 16");
        }

        if (size > MaxFmtBytes)
        {
            throw new WavFormatException(source, $"bad chunk size: the fmt chunk claims {size} bytes, more than any WAVE format needs ({MaxFmtBytes})");
        }

        Span<byte> b = stackalloc byte[(int)size];
        var got = StreamIo.ReadFull(stream, b);
        if (got < size)
        {
            throw new WavFormatException(source, $"truncated header: the fmt chunk declares {size} bytes but the file ends after {got}");
        }

        uint tag = BinaryPrimitives.ReadUInt16LittleEndian(b);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(b[2..]);
        var rate = BinaryPrimitives.ReadUInt32LittleEndian(b[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(b[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(b[14..]);
        var validBits = bits;
        var extensible = tag == WavFormatTags.Extensible;
        if (extensible)
        {
            if (size < 40)
            {
                throw new WavFormatException(source, $"bad chunk size: a WAVE_FORMAT_EXTENSIBLE fmt chunk is {size} bytes; it needs 40");
            }

            validBits = BinaryPrimitives.ReadUInt16LittleEndian(b[18..]);
            var guid = b[24..40];
            if (!guid[4..].SequenceEqual(WavFormatTags.SubFormatGuidTail))
            {
                throw new WavFormatException(source, $"WAVE_FORMAT_EXTENSIBLE sub-format {new Guid(guid)} is not supported; use PCM 16/24/32-bit or float32");
            }

            tag = BinaryPrimitives.ReadUInt32LittleEndian(guid);
            if (validBits == 0)
            {
                validBits = bits;
            }
        }

        var type = SampleTypeOf(source, tag, bits, extensible);
        if (channels == 0)
        {
            throw new WavFormatException(source, "the fmt chunk says zero channels");
        }

        if (rate == 0)
        {
            throw new WavFormatException(source, "the fmt chunk says a sample rate of 0 Hz");
        }

        if (rate > int.MaxValue)
        {
            throw new WavFormatException(source, $"the fmt chunk says a sample rate of {rate} Hz, which is implausible");
        }

        var expectedAlign = channels * (bits / 8);
        if (blockAlign != expectedAlign)
        {
            throw new WavFormatException(source, $"bits per sample ({bits}) do not match the block align: {channels} channel(s) of {bits} bits need {expectedAlign} bytes per frame, the header says {blockAlign}");
        }

        if (validBits > bits)
        {
            throw new WavFormatException(source, $"the fmt chunk says {validBits} valid bits in a {bits}-bit sample");
        }

        return new Fmt(new AudioFormat((int)rate, channels, type), validBits, extensible);
    }

    private static SampleType SampleTypeOf(string source, uint tag, int bits, bool extensible)
    {
        var via = extensible ? " (WAVE_FORMAT_EXTENSIBLE sub-format)" : string.Empty;
        return tag switch
        {
            WavFormatTags.Pcm => bits switch
            {
                16 => SampleType.Int16,
                24 => SampleType.Int24,
                32 => SampleType.Int32,
                _ => throw new WavFormatException(source, $"PCM with {bits} bits per sample is not supported; use PCM 16/24/32-bit or float32"),
            },
            WavFormatTags.IeeeFloat => bits == 32
                ? SampleType.Float32
                : throw new WavFormatException(source, $"IEEE float with {bits} bits per sample is not supported; use PCM 16/24/32-bit or float32"),
            _ => throw new WavFormatException(source, $"format tag 0x{tag:X4} ({WavFormatTags.Name(tag)}){via} is not supported; use PCM 16/24/32-bit or float32"),
        };
    }

    private static WavInfo Finish(string source, Stream stream, Fmt fmt, uint size)
    {
        var frameBytes = fmt.Format.BytesPerFrame;
        if (size % frameBytes != 0)
        {
            throw new WavFormatException(source, $"bad chunk size: the data chunk is {size} bytes, not a whole number of {frameBytes}-byte frames ({fmt.Format})");
        }

        if (StreamIo.Remaining(stream) is { } left && left < size)
        {
            throw new WavFormatException(source, $"truncated data: the data chunk declares {size} bytes ({size / frameBytes} frames) but only {left} bytes follow");
        }

        return new WavInfo(fmt.Format, size / frameBytes, fmt.ValidBits, fmt.Extensible);
    }

    private static void SkipChunk(string source, Stream stream, string id, long offset, long padded, uint size)
    {
        if (StreamIo.Remaining(stream) is { } left && left < size)
        {
            throw new WavFormatException(source, $"bad chunk size: the '{id}' chunk at byte {offset - 8} declares {size} bytes but only {left} remain in the file");
        }

        var skipped = StreamIo.Skip(stream, padded);
        if (skipped < size)
        {
            throw new WavFormatException(source, $"bad chunk size: the '{id}' chunk at byte {offset - 8} declares {size} bytes but the stream ends after {skipped}");
        }
    }

    private static void SkipPad(Stream stream, uint size)
    {
        if ((size & 1) != 0)
        {
            StreamIo.Skip(stream, 1);
        }
    }

    private static string ChunkId(ReadOnlySpan<byte> id)
    {
        foreach (var c in id)
        {
            if (c is < 0x20 or > 0x7E)
            {
                return Convert.ToHexString(id);
            }
        }

        return Encoding.ASCII.GetString(id);
    }

    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        var printable = true;
        foreach (var c in bytes)
        {
            printable &= c is >= 0x20 and <= 0x7E;
        }

        return printable ? $"'{Encoding.ASCII.GetString(bytes)}'" : $"bytes {Convert.ToHexString(bytes)}";
    }

    private readonly record struct Fmt(AudioFormat Format, int ValidBits, bool Extensible);
}
