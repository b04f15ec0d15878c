namespace Kws.Audio.Conversion;

/// <summary>
/// DC removal: the one-pole, one-zero high-pass y[n] = g (x[n] - x[n-1]) + r y[n-1] with r = exp(-2 pi fc / fs) and
/// g = (1 + r) / 2 (unity gain at Nyquist, -3 dB near fc, zero at DC). MEMS and I2S microphones (the SPH0645
/// especially) carry a DC offset that would otherwise sit in the lowest mel band. Allocation-free, in place.
/// </summary>
public sealed class OnePoleHighPass
{
    private readonly float _r;
    private readonly float _g;
    private float _x1;
    private float _y1;

    /// <summary>Makes the filter for <paramref name="cutoffHz"/> at <paramref name="sampleRateHz"/>.</summary>
    /// <param name="cutoffHz">The corner frequency, Hz; positive and below half the sample rate.</param>
    /// <param name="sampleRateHz">The sample rate, Hz.</param>
    public OnePoleHighPass(double cutoffHz, int sampleRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        if (!(cutoffHz > 0 && cutoffHz < sampleRateHz / 2.0))
        {
            throw new ArgumentOutOfRangeException(nameof(cutoffHz), cutoffHz, $"The high-pass corner must be between 0 and {sampleRateHz / 2} Hz.");
        }

        var r = Math.Exp(-2 * Math.PI * cutoffHz / sampleRateHz);
        _r = (float)r;
        _g = (float)((1 + r) / 2);
    }

    /// <summary>Filters <paramref name="samples"/> in place, continuing from the previous call.</summary>
    public void Process(Span<float> samples)
    {
        float x1 = _x1, y1 = _y1;
        for (var i = 0; i < samples.Length; i++)
        {
            var x = samples[i];
            var y = (_g * (x - x1)) + (_r * y1);
            samples[i] = y;
            x1 = x;
            y1 = y;
        }

        _x1 = x1;
        _y1 = y1;
    }

    /// <summary>Forgets the past: the next sample starts a new stream.</summary>
    public void Reset()
    {
        _x1 = 0;
        _y1 = 0;
    }
}
