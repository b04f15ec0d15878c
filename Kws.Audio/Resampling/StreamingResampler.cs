namespace Kws.Audio.Resampling;

/// <summary>
/// Band-limited sample-rate conversion of a mono float stream by a rational ratio L/M (reduced by gcd, e.g.
/// 44.1 kHz -> 16 kHz is 160/441) with a Kaiser-windowed sinc polyphase filter: flat to 0.9 and at least 80 dB down
/// from 1.0 of the lower Nyquist by default (<see cref="ResamplerOptions"/>).
/// <para>
/// Timing: the group delay is compensated. Output sample k is the band-limited input at time k / OutputRateHz on the
/// input's own clock (input sample n is at n / InputRateHz); there is no shift. To do that, the streaming face holds
/// back the last <see cref="LookaheadFrames"/> input frames until later input (or <see cref="Flush"/>) arrives: that
/// is its latency, <see cref="LatencySeconds"/>. Fed chunks of any size and then flushed, it returns exactly (bit for
/// bit) what <see cref="Resampler.Resample"/> returns for the whole buffer: <see cref="OutputLength"/> samples,
/// ceil(n * L / M). Input before the first sample and after the last is taken as silence.
/// </para>
/// <para>All buffers are made in the constructor; <see cref="Process"/> and <see cref="Flush"/> do not allocate.
/// Not thread-safe: one instance per stream.</para>
/// </summary>
public sealed class StreamingResampler
{
    private const int BlockFrames = 4096;

    private readonly PolyphaseFilterBank _bank;
    private readonly float[] _buffer;
    private readonly int _up;
    private readonly int _down;
    private readonly int _half;
    private readonly int _taps;
    private readonly int _stepWhole;
    private readonly int _stepRemainder;
    private long _bufferStart;
    private int _count;
    private long _outputIndex;
    private long _q;
    private int _phase;

    /// <summary>Designs the filter and makes the buffers for converting <paramref name="inputRateHz"/> to <paramref name="outputRateHz"/>.</summary>
    /// <param name="inputRateHz">The rate of the samples given to <see cref="Process"/>.</param>
    /// <param name="outputRateHz">The rate of the samples it returns.</param>
    /// <param name="options">The filter; <see cref="ResamplerOptions.Default"/> when null.</param>
    public StreamingResampler(int inputRateHz, int outputRateHz, ResamplerOptions? options = null)
    {
        _bank = PolyphaseFilterBank.Design(inputRateHz, outputRateHz, options ?? ResamplerOptions.Default);
        InputRateHz = inputRateHz;
        OutputRateHz = outputRateHz;
        _up = _bank.Ratio.Up;
        _down = _bank.Ratio.Down;
        _half = _bank.HalfTaps;
        _taps = _bank.TapsPerPhase;
        _stepWhole = _down / _up;
        _stepRemainder = _down % _up;
        _buffer = new float[_taps + BlockFrames];
        Reset();
    }

    /// <summary>The rate of the input.</summary>
    public int InputRateHz { get; }

    /// <summary>The rate of the output.</summary>
    public int OutputRateHz { get; }

    /// <summary>The reduced conversion ratio L/M.</summary>
    public RateRatio Ratio => _bank.Ratio;

    /// <summary>Filter taps applied per output sample (2K+1).</summary>
    public int TapsPerOutput => _taps;

    /// <summary>K: input frames after an output instant that the output sample needs, so held back while streaming.</summary>
    public int LookaheadFrames => _half;

    /// <summary>The streaming latency, <see cref="LookaheadFrames"/> / InputRateHz (the output itself has no delay).</summary>
    public double LatencySeconds => (double)_half / InputRateHz;

    /// <summary>The number of output samples for a whole buffer of <paramref name="inputFrames"/>: ceil(n * L / M).</summary>
    /// <param name="inputFrames">Input length.</param>
    /// <param name="inputRateHz">Input rate.</param>
    /// <param name="outputRateHz">Output rate.</param>
    public static long OutputLength(long inputFrames, int inputRateHz, int outputRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputFrames);
        var ratio = RateRatio.Between(inputRateHz, outputRateHz);
        return CeilDiv(inputFrames * ratio.Up, ratio.Down);
    }

    /// <summary>An output size that is always enough for one <see cref="Process"/> call with this much input.</summary>
    /// <param name="inputFrames">Frames to be passed in.</param>
    public int MaxOutputFrames(int inputFrames) => (int)CeilDiv((long)inputFrames * _up, _down) + 1;

    /// <summary>An output size that is always enough for <see cref="Flush"/>.</summary>
    public int MaxFlushFrames => MaxOutputFrames(_half);

    /// <summary>Converts the next chunk of input (any size, including 0).</summary>
    /// <param name="input">The next input samples.</param>
    /// <param name="output">Room for the output; <see cref="MaxOutputFrames"/> of the input length is enough.</param>
    /// <returns>The number of output samples written: those whose look-ahead the input now covers.</returns>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        CheckRoom(input.Length, output.Length);
        return Run(input, 0, output);
    }

    /// <summary>
    /// Ends the stream: treats what follows the last input as silence, writes the remaining output samples, and resets
    /// for a new stream.
    /// </summary>
    /// <param name="output">Room for the rest; <see cref="MaxFlushFrames"/> is enough.</param>
    /// <returns>The number of output samples written.</returns>
    public int Flush(Span<float> output)
    {
        CheckRoom(_half, output.Length);
        var written = Run([], _half, output);
        Reset();
        return written;
    }

    /// <summary>Forgets all input: the next sample given is sample 0 of a new stream.</summary>
    public void Reset()
    {
        Array.Clear(_buffer);
        _bufferStart = -_half;
        _count = _half;
        _outputIndex = 0;
        _q = 0;
        _phase = 0;
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;

    private long OutputsCovered(long end) => end - _half > 0 ? CeilDiv((end - _half) * _up, _down) : 0;

    private void CheckRoom(int inputFrames, int room)
    {
        var needed = OutputsCovered(_bufferStart + _count + inputFrames) - _outputIndex;
        if (room < needed)
        {
            throw new ArgumentException($"The output holds {room} samples; this call produces {needed}. Size it with {nameof(MaxOutputFrames)}.", "output");
        }
    }

    private int Run(ReadOnlySpan<float> input, int zeros, Span<float> output)
    {
        var written = 0;
        while (true)
        {
            written += Produce(output[written..]);
            if (input.IsEmpty && zeros == 0)
            {
                return written;
            }

            if (_count == _buffer.Length)
            {
                Compact();
            }

            var space = _buffer.Length - _count;
            int n;
            if (!input.IsEmpty)
            {
                n = Math.Min(space, input.Length);
                input[..n].CopyTo(_buffer.AsSpan(_count));
                input = input[n..];
            }
            else
            {
                n = Math.Min(space, zeros);
                _buffer.AsSpan(_count, n).Clear();
                zeros -= n;
            }

            _count += n;
        }
    }

    private int Produce(Span<float> output)
    {
        var end = _bufferStart + _count;
        var written = 0;
        while (_q + _half < end)
        {
            var offset = (int)(_q - _half - _bufferStart);
            output[written++] = DotProduct.Compute(_bank.Phase(_phase), _buffer.AsSpan(offset, _taps));
            _outputIndex++;
            _q += _stepWhole;
            _phase += _stepRemainder;
            if (_phase >= _up)
            {
                _phase -= _up;
                _q++;
            }
        }

        return written;
    }

    private void Compact()
    {
        var drop = (int)Math.Clamp(_q - _half - _bufferStart, 0, _count);
        _buffer.AsSpan(drop, _count - drop).CopyTo(_buffer);
        _bufferStart += drop;
        _count -= drop;
    }
}
