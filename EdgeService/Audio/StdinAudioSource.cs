using Kws.Audio;
using Kws.Audio.Conversion;
using Kws.Audio.Resampling;

namespace EdgeService.Audio;

/// <summary>
/// Raw signed 16-bit little-endian mono PCM on standard input as the audio source (<c>Audio:Source=stdin</c>), e.g.
/// <c>arecord -f S16_LE -r 16000 -c 1 | kws-edge run --Audio:Source=stdin</c>. Other rates are resampled to 16 kHz.
/// The stream's end completes the source.
/// </summary>
internal sealed class StdinAudioSource : PumpedAudioSource
{
    private readonly Func<Stream> _open;
    private readonly int _rateHz;
    private readonly byte[] _bytes = new byte[2 * 1024];
    private readonly float[] _samples = new float[1024];
    private readonly float[] _resampled;
    private readonly StreamingResampler? _resampler;
    private Stream? _stream;
    private int _carry;
    private int _pending;
    private int _pendingOffset;
    private bool _ended;

    public StdinAudioSource(TimeProvider time, int rateHz, Func<Stream>? open = null)
        : base(time, realtime: false)
    {
        _open = open ?? Console.OpenStandardInput;
        _rateHz = rateHz;
        _resampler = rateHz == 16000 ? null : new StreamingResampler(rateHz, 16000);
        _resampled = new float[_resampler is null ? _samples.Length : Math.Max(_resampler.MaxOutputFrames(_samples.Length), _resampler.MaxFlushFrames)];
    }

    /// <inheritdoc />
    protected override string Name => $"stdin source ({_rateHz} Hz S16_LE mono)";

    /// <inheritdoc />
    protected override void Open() => _stream = _open();

    /// <inheritdoc />
    protected override int ReadBlock(Span<float> block)
    {
        while (_pending == 0)
        {
            if (_ended)
            {
                return 0;
            }

            var read = _stream!.Read(_bytes, _carry, _bytes.Length - _carry);
            if (read == 0)
            {
                // End of input: hand on what the resampler still holds back, then end.
                _ended = true;
                _pending = _resampler?.Flush(_resampled) ?? 0;
                _pendingOffset = 0;
                continue;
            }

            var total = _carry + read;
            var whole = total / 2;
            SampleConverter.ToFloat(_bytes.AsSpan(0, whole * 2), SampleType.Int16, _samples.AsSpan(0, whole));
            _carry = total - (whole * 2);
            if (_carry == 1)
            {
                _bytes[0] = _bytes[total - 1];
            }

            if (_resampler is null)
            {
                _samples.AsSpan(0, whole).CopyTo(_resampled);
                _pending = whole;
            }
            else
            {
                _pending = _resampler.Process(_samples.AsSpan(0, whole), _resampled);
            }

            _pendingOffset = 0;
        }

        var n = Math.Min(block.Length, _pending);
        _resampled.AsSpan(_pendingOffset, n).CopyTo(block);
        _pendingOffset += n;
        _pending -= n;
        return n;
    }

    /// <inheritdoc />
    protected override void Close() => _stream?.Dispose();
}
