namespace Kws.Audio.Features;

/// <summary>
/// The power spectrum |X[k]|^2, k = 0 .. N/2, of N real samples through one complex FFT of N/2 points: the even
/// samples are the real parts and the odd ones the imaginary parts of z, Z = FFT(z), and the two half-length spectra
/// E[k] = (Z[k] + conj Z[N/2 - k]) / 2 and O[k] = (Z[k] - conj Z[N/2 - k]) / 2i give X[k] = E[k] + e^(-2 pi i k / N) O[k].
/// Half the work of an N-point complex FFT of the zero-imaginary signal. Owns its scratch buffers: one instance per
/// thread.
/// </summary>
internal sealed class RealFft
{
    private readonly Fft _half;
    private readonly float[] _re;
    private readonly float[] _im;
    private readonly float[] _cos;
    private readonly float[] _sin;

    /// <summary>Makes the tables for <paramref name="size"/> real samples (a power of two, at least 4).</summary>
    public RealFft(int size)
    {
        if (size < 4 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "real FFT size must be a power of two >= 4");
        }

        Size = size;
        var half = size / 2;
        _half = new Fft(half);
        _re = new float[half];
        _im = new float[half];
        _cos = new float[half];
        _sin = new float[half];
        for (var k = 0; k < half; k++)
        {
            var angle = -2.0 * Math.PI * k / size;
            _cos[k] = (float)Math.Cos(angle);
            _sin[k] = (float)Math.Sin(angle);
        }
    }

    /// <summary>The number of real samples.</summary>
    public int Size { get; }

    /// <summary>
    /// The power spectrum of <paramref name="samples"/> (at most <see cref="Size"/> samples, zero-padded to it) into
    /// <paramref name="power"/> (Size / 2 + 1 bins).
    /// </summary>
    public void Power(ReadOnlySpan<float> samples, Span<float> power)
    {
        var half = _re.Length;
        if (samples.Length > Size || power.Length != half + 1)
        {
            throw new ArgumentException($"a {Size}-point real FFT takes at most {Size} samples and gives {half + 1} bins");
        }

        var re = _re.AsSpan();
        var im = _im.AsSpan();
        var pairs = samples.Length / 2;
        for (var n = 0; n < pairs; n++)
        {
            re[n] = samples[2 * n];
            im[n] = samples[(2 * n) + 1];
        }

        if ((samples.Length & 1) == 1)
        {
            re[pairs] = samples[^1];
            im[pairs] = 0f;
            pairs++;
        }

        re[pairs..].Clear();
        im[pairs..].Clear();
        _half.Forward(re, im);

        power[0] = Square(re[0] + im[0]);
        power[half] = Square(re[0] - im[0]);
        for (var k = 1; k < half; k++)
        {
            float zr = re[k], zi = im[k], cr = re[half - k], ci = -im[half - k];
            var er = 0.5f * (zr + cr);
            var ei = 0.5f * (zi + ci);
            var or = 0.5f * (zi - ci);
            var oi = -0.5f * (zr - cr);
            float wr = _cos[k], wi = _sin[k];
            var xr = er + ((or * wr) - (oi * wi));
            var xi = ei + ((or * wi) + (oi * wr));
            power[k] = (xr * xr) + (xi * xi);
        }
    }

    private static float Square(float v) => v * v;
}
