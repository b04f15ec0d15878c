using Kws.Audio.Conversion;

namespace Kws.Audio.Wav;

/// <summary>
/// A WAV recording read block by block as mono float at one rate, through the one conversion chain
/// (<see cref="AudioConverter"/>: channels averaged, resampled when the rates differ): a 10-hour recording takes the
/// same memory as a 10-second one. The header is checked on opening; a data chunk cut short is reported when reading
/// reaches the cut. The buffers are made on opening; <see cref="Read"/> does not allocate.
/// </summary>
public sealed class WavStreamReader : IDisposable
{
    private const int BlockFrames = 4096;

    private readonly WavFrameReader _frames;
    private readonly AudioConverter _converter;
    private readonly byte[] _raw;
    private readonly float[] _pending;
    private int _pendingOffset;
    private int _pendingCount;
    private bool _flushed;

    private WavStreamReader(WavFrameReader frames, int sampleRateHz)
    {
        _frames = frames;
        var format = frames.Format;
        _converter = new AudioConverter(format, ChannelSelection.Mix, sampleRateHz, highPassHz: 0, BlockFrames);
        _raw = new byte[BlockFrames * format.BytesPerFrame];
        _pending = new float[_converter.MaxOutputFrames];
        SampleRateHz = sampleRateHz;
    }

    /// <summary>The rate of what <see cref="Read"/> gives, in Hz.</summary>
    public int SampleRateHz { get; }

    /// <summary>What the file's header says (its own rate, channels and sample type).</summary>
    public WavInfo Info => _frames.Info;

    /// <summary>The length of the whole recording at <see cref="SampleRateHz"/>, in seconds.</summary>
    public double DurationS => (double)Info.FrameCount / Info.Format.SampleRateHz;

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <param name="path">The WAV file; named in error messages.</param>
    /// <param name="sampleRateHz">The rate wanted (the pipeline's, <see cref="PipelineAudio.SampleRateHz"/>, by default).</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="WavFormatException">The header is not one the reader takes, naming the file.</exception>
    public static WavStreamReader Open(string path, int sampleRateHz = PipelineAudio.SampleRateHz)
    {
        var frames = WavFrameReader.Open(path);
        try
        {
            return new WavStreamReader(frames, sampleRateHz);
        }
        catch
        {
            frames.Dispose();
            throw;
        }
    }

    /// <summary>Fills <paramref name="destination"/> with the next samples.</summary>
    /// <returns>Samples written; fewer than asked only at the end; 0 once the recording is over.</returns>
    /// <exception cref="WavFormatException">The data chunk is cut short.</exception>
    public int Read(Span<float> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            if (_pendingCount == 0 && !Refill())
            {
                break;
            }

            var n = Math.Min(_pendingCount, destination.Length - total);
            _pending.AsSpan(_pendingOffset, n).CopyTo(destination[total..]);
            _pendingOffset += n;
            _pendingCount -= n;
            total += n;
        }

        return total;
    }

    /// <inheritdoc />
    public void Dispose() => _frames.Dispose();

    private bool Refill()
    {
        while (true)
        {
            if (_flushed)
            {
                return false;
            }

            var frames = _frames.ReadRaw(_raw);
            var output = frames > 0 ? _converter.Convert(_raw.AsSpan(0, frames * _frames.Format.BytesPerFrame)) : _converter.Flush();
            _flushed = frames == 0;
            output.CopyTo(_pending);
            _pendingOffset = 0;
            _pendingCount = output.Length;
            if (_pendingCount > 0)
            {
                return true;
            }
        }
    }
}
