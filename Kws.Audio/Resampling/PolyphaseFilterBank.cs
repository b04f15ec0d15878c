namespace Kws.Audio.Resampling;

/// <summary>
/// The windowed-sinc (Kaiser) low-pass of an L/M resampler, cut into L phases. The prototype runs at L times the
/// input rate and spans [-K*L, K*L] prototype samples, K input samples either side of the centre; phase r holds
/// the 2K+1 taps h((K - j)L + r), j = 0..2K, so output k = dot(phase(kM mod L), x[q-K .. q+K]) with q = floor(kM/L).
/// The filter is symmetric about the output instant: no group delay is left in the output.
/// </summary>
internal sealed class PolyphaseFilterBank
{
    private readonly float[] _taps;

    private PolyphaseFilterBank(RateRatio ratio, int halfTaps, float[] taps)
    {
        Ratio = ratio;
        HalfTaps = halfTaps;
        _taps = taps;
    }

    /// <summary>L/M.</summary>
    public RateRatio Ratio { get; }

    /// <summary>K: input samples each side of the centre that an output sample depends on.</summary>
    public int HalfTaps { get; }

    /// <summary>2K+1 taps per phase.</summary>
    public int TapsPerPhase => (2 * HalfTaps) + 1;

    /// <summary>The taps of phase r (0 &lt;= r &lt; L), in the order of ascending input samples.</summary>
    public ReadOnlySpan<float> Phase(int r) => _taps.AsSpan(r * TapsPerPhase, TapsPerPhase);

    /// <summary>Designs the filter for converting between two rates.</summary>
    public static PolyphaseFilterBank Design(int inputRateHz, int outputRateHz, ResamplerOptions options)
    {
        options.Validate();
        var ratio = RateRatio.Between(inputRateHz, outputRateHz);
        if (ratio.Up == ratio.Down)
        {
            return new PolyphaseFilterBank(ratio, 0, [1f]);
        }

        int l = ratio.Up;
        double prototypeRate = (double)l * inputRateHz;
        double lowerNyquist = Math.Min(inputRateHz, outputRateHz) / 2.0;
        var cutoff = (options.PassbandEdge + options.StopbandEdge) / 2 * lowerNyquist / prototypeRate;
        var transition = 2 * Math.PI * (options.StopbandEdge - options.PassbandEdge) * lowerNyquist / prototypeRate;
        var order = KaiserWindow.Order(options.StopbandAttenuationDb, transition);
        var k = (int)Math.Ceiling(Math.Ceiling(order / 2) / l);
        var half = (double)k * l;
        var beta = KaiserWindow.Beta(options.StopbandAttenuationDb);
        var taps = 2 * k + 1;
        var table = new float[l * taps];
        for (var r = 0; r < l; r++)
        {
            for (var j = 0; j < taps; j++)
            {
                double t = ((k - j) * (long)l) + r;
                table[(r * taps) + j] = (float)(l * 2 * cutoff * Sinc(2 * cutoff * t) * KaiserWindow.Value(t / half, beta));
            }
        }

        return new PolyphaseFilterBank(ratio, k, table);
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
}
