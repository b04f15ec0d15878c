using Kws.Audio.Conversion;

namespace Kws.Audio.Wav;

/// <summary>
/// Reads a WAV file's frames a block at a time, for files too long to hold whole. The header is checked on opening
/// (see <see cref="WavReader"/> for what is accepted); a data chunk cut short is reported when the reading reaches
/// the cut. One scratch buffer is made up front; reads do not allocate.
/// </summary>
public sealed class WavFrameReader : IDisposable
{
    private const int ScratchBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _source;
    private readonly byte[] _scratch;
    private long _bytesRead;

    /// <summary>Opens a WAV stream and reads its header.</summary>
    /// <param name="stream">Positioned at the "RIFF" tag.</param>
    /// <param name="name">Named in error messages; "stream" when null.</param>
    /// <param name="leaveOpen">Whether disposing this reader leaves <paramref name="stream"/> open.</param>
    public WavFrameReader(Stream stream, string? name = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _source = name ?? "stream";
        try
        {
            Info = WavHeaderParser.Parse(stream, _source);
        }
        catch when (!leaveOpen)
        {
            stream.Dispose();
            throw;
        }

        var frame = Info.Format.BytesPerFrame;
        _scratch = new byte[Math.Max(frame, ScratchBytes / frame * frame)];
    }

    /// <summary>What the header says.</summary>
    public WavInfo Info { get; }

    /// <summary>Rate, channels and sample type of the data.</summary>
    public AudioFormat Format => Info.Format;

    /// <summary>Frames not yet read.</summary>
    public long FramesRemaining => (Info.DataBytes - _bytesRead) / Info.Format.BytesPerFrame;

    /// <summary>Opens a WAV file for reading by blocks.</summary>
    /// <param name="path">The file; named in error messages.</param>
    public static WavFrameReader Open(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"{path}: WAV file not found", path, e);
        }

        return new WavFrameReader(stream, path);
    }

    /// <summary>Reads stored bytes of whole frames.</summary>
    /// <param name="destination">Filled with up to destination.Length / BytesPerFrame frames.</param>
    /// <returns>Frames read; 0 at the end of the data.</returns>
    public int ReadRaw(Span<byte> destination)
    {
        var frame = Info.Format.BytesPerFrame;
        var want = (int)Math.Min(destination.Length / frame, FramesRemaining) * frame;
        if (want == 0)
        {
            return 0;
        }

        var got = StreamIo.ReadFull(_stream, destination[..want]);
        _bytesRead += got;
        if (got < want)
        {
            throw new WavFormatException(_source, $"truncated data: the data chunk declares {Info.DataBytes} bytes ({Info.FrameCount} frames) but the stream ends after {_bytesRead}");
        }

        return want / frame;
    }

    /// <summary>Reads frames as interleaved float.</summary>
    /// <param name="interleaved">Filled with up to interleaved.Length / Channels frames.</param>
    /// <returns>Frames read; 0 at the end of the data.</returns>
    public int ReadFloat(Span<float> interleaved)
    {
        var channels = Info.Format.Channels;
        var frameBytes = Info.Format.BytesPerFrame;
        var total = 0;
        while (total < interleaved.Length / channels)
        {
            var frames = Math.Min(interleaved.Length / channels - total, _scratch.Length / frameBytes);
            var got = ReadRaw(_scratch.AsSpan(0, frames * frameBytes));
            if (got == 0)
            {
                break;
            }

            SampleConverter.ToFloat(_scratch.AsSpan(0, got * frameBytes), Info.Format.SampleType, interleaved[(total * channels)..]);
            total += got;
        }

        return total;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
