namespace Kws.Audio.Features;

/// <summary>
/// In-place iterative radix-2 complex FFT of one fixed power-of-two size, with the twiddle factors and the
/// bit-reversal permutation computed once. Not thread-safe only in the sense that callers own their buffers;
/// the tables are read-only after construction.
/// </summary>
internal sealed class Fft
{
    private readonly int _size;
    private readonly float[] _cos;
    private readonly float[] _sin;
    private readonly int[] _bitReversed;

    /// <summary>Makes the tables for an FFT of <paramref name="size"/> points (a power of two).</summary>
    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size must be a power of two >= 2");
        }

        _size = size;
        _cos = new float[size / 2];
        _sin = new float[size / 2];
        for (var k = 0; k < size / 2; k++)
        {
            var angle = -2.0 * Math.PI * k / size;
            _cos[k] = (float)Math.Cos(angle);
            _sin[k] = (float)Math.Sin(angle);
        }

        _bitReversed = new int[size];
        var bits = System.Numerics.BitOperations.Log2((uint)size);
        for (var i = 0; i < size; i++)
        {
            var r = 0;
            for (var b = 0; b < bits; b++)
            {
                r |= ((i >> b) & 1) << (bits - 1 - b);
            }

            _bitReversed[i] = r;
        }
    }

    /// <summary>The transform length.</summary>
    public int Size => _size;

    /// <summary>Forward transform of (<paramref name="re"/>, <paramref name="im"/>) in place: X[k] = sum x[n] e^(-2 pi i k n / N).</summary>
    public void Forward(Span<float> re, Span<float> im)
    {
        if (re.Length != _size || im.Length != _size)
        {
            throw new ArgumentException($"FFT buffers must hold {_size} values");
        }

        for (var i = 0; i < _size; i++)
        {
            var j = _bitReversed[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (var half = 1; half < _size; half <<= 1)
        {
            var step = _size / (half << 1);
            for (var start = 0; start < _size; start += half << 1)
            {
                for (var k = 0; k < half; k++)
                {
                    var wr = _cos[k * step];
                    var wi = _sin[k * step];
                    var a = start + k;
                    var b = a + half;
                    var tr = (re[b] * wr) - (im[b] * wi);
                    var ti = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
