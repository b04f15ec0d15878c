namespace Kws.Audio.Wav;

/// <summary>Small stream helpers: read as much as is there, skip forward on seekable and non-seekable streams.</summary>
internal static class StreamIo
{
    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    public static int ReadFull(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    /// <summary>Skips up to <paramref name="count"/> bytes; returns how many were skipped (fewer at the end).</summary>
    public static long Skip(Stream stream, long count)
    {
        if (stream.CanSeek)
        {
            var left = Math.Max(0, stream.Length - stream.Position);
            var n = Math.Min(left, count);
            stream.Seek(n, SeekOrigin.Current);
            return n;
        }

        Span<byte> scratch = stackalloc byte[4096];
        long skipped = 0;
        while (skipped < count)
        {
            var want = (int)Math.Min(scratch.Length, count - skipped);
            var n = stream.Read(scratch[..want]);
            if (n == 0)
            {
                break;
            }

            skipped += n;
        }

        return skipped;
    }

    /// <summary>Bytes left after the current position, or null when the stream cannot tell.</summary>
    public static long? Remaining(Stream stream) =>
        stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : null;
}
