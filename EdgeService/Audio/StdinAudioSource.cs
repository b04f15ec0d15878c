using Kws.Audio;
using Kws.Audio.Conversion;

namespace EdgeService.Audio;

/// <summary>
/// Raw signed 16-bit little-endian mono PCM on standard input as the audio source (<c>Audio:Source=stdin</c>), e.g.
/// <c>arecord -f S16_LE -r 16000 -c 1 | kws-edge run --Audio:Source=stdin</c>. The bytes go through the one conversion
/// chain (<see cref="AudioConverter"/>); other rates are resampled to the pipeline's. The stream's end completes the
/// source.
/// </summary>
internal sealed class StdinAudioSource : PumpedAudioSource
{
    private readonly Func<Stream> _open;
    private readonly int _rateHz;
    private const int BlockFrames = 1024;

    private readonly byte[] _bytes = new byte[2 * BlockFrames];
    private readonly float[] _pending;
    private readonly AudioConverter _converter;
    private Stream? _stream;
    private int _carry;
    private int _pendingCount;
    private int _pendingOffset;
    private bool _ended;

    public StdinAudioSource(TimeProvider time, int rateHz, Func<Stream>? open = null)
        : base(time, realtime: false)
    {
        _open = open ?? Console.OpenStandardInput;
        _rateHz = rateHz;
        _converter = new AudioConverter(new AudioFormat(rateHz, 1, SampleType.Int16), ChannelSelection.Auto, PipelineAudio.SampleRateHz, highPassHz: 0, BlockFrames);
        _pending = new float[_converter.MaxOutputFrames];
    }

    /// <inheritdoc />
    protected override string Name => $"stdin source ({_rateHz} Hz S16_LE mono)";

    /// <inheritdoc />
    protected override void Open() => _stream = _open();

    /// <inheritdoc />
    protected override int ReadBlock(Span<float> block)
    {
        while (_pendingCount == 0)
        {
            if (_ended)
            {
                return 0;
            }

            var read = _stream!.Read(_bytes, _carry, _bytes.Length - _carry);
            ReadOnlySpan<float> output;
            if (read == 0)
            {
                // End of input: hand on what the resampler still holds back, then end.
                _ended = true;
                output = _converter.Flush();
            }
            else
            {
                var total = _carry + read;
                var whole = total / 2 * 2;
                output = _converter.Convert(_bytes.AsSpan(0, whole));
                _carry = total - whole;
                if (_carry == 1)
                {
                    _bytes[0] = _bytes[total - 1];
                }
            }

            output.CopyTo(_pending);
            _pendingCount = output.Length;
            _pendingOffset = 0;
        }

        var n = Math.Min(block.Length, _pendingCount);
        _pending.AsSpan(_pendingOffset, n).CopyTo(block);
        _pendingOffset += n;
        _pendingCount -= n;
        return n;
    }

    /// <inheritdoc />
    protected override void Close() => _stream?.Dispose();
}
