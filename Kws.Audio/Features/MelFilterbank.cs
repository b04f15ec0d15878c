using System.Numerics.Tensors;

namespace Kws.Audio.Features;

/// <summary>
/// Triangular mel filters on the HTK mel scale (mel = 2595 log10(1 + f / 700)), evaluated at the FFT bin centre
/// frequencies. Band m rises from edge m to edge m + 1 and falls to edge m + 2, where the MelBins + 2 edges are
/// equally spaced in mel between FminHz and FmaxHz. Peak weight 1 (no area normalisation).
/// </summary>
internal sealed class MelFilterbank
{
    private readonly int[] _firstBin;
    private readonly float[][] _weights;

    /// <summary>Builds the filters for <paramref name="options"/>.</summary>
    public MelFilterbank(LogMelOptions options)
    {
        var bins = options.FftSize / 2 + 1;
        var melMin = HzToMel(options.FminHz);
        var melMax = HzToMel(options.FmaxHz);
        var edges = new double[options.MelBins + 2];
        for (var i = 0; i < edges.Length; i++)
        {
            edges[i] = MelToHz(melMin + ((melMax - melMin) * i / (options.MelBins + 1)));
        }

        _firstBin = new int[options.MelBins];
        _weights = new float[options.MelBins][];
        for (var m = 0; m < options.MelBins; m++)
        {
            double lo = edges[m], centre = edges[m + 1], hi = edges[m + 2];
            var first = -1;
            var last = -1;
            var w = new float[bins];
            for (var k = 0; k < bins; k++)
            {
                var f = (double)k * options.SampleRateHz / options.FftSize;
                var weight = f <= lo || f >= hi ? 0.0 : f <= centre ? (f - lo) / (centre - lo) : (hi - f) / (hi - centre);
                if (weight > 0)
                {
                    w[k] = (float)weight;
                    first = first < 0 ? k : first;
                    last = k;
                }
            }

            // A band narrower than one bin spacing catches no bin centre: give it the nearest bin so it is never empty.
            if (first < 0)
            {
                first = last = Math.Clamp((int)Math.Round(centre * options.FftSize / options.SampleRateHz), 0, bins - 1);
                w[first] = 1f;
            }

            _firstBin[m] = first;
            _weights[m] = w.AsSpan(first, last - first + 1).ToArray();
        }
    }

    /// <summary>HTK mel scale.</summary>
    public static double HzToMel(double hz) => 2595.0 * Math.Log10(1.0 + (hz / 700.0));

    /// <summary>Inverse of <see cref="HzToMel"/>.</summary>
    public static double MelToHz(double mel) => 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);

    /// <summary>Mel band energies of one power spectrum (FftSize / 2 + 1 bins) into <paramref name="mel"/>.</summary>
    public void Apply(ReadOnlySpan<float> power, Span<float> mel)
    {
        for (var m = 0; m < _weights.Length; m++)
        {
            var w = _weights[m];
            mel[m] = TensorPrimitives.Dot(power.Slice(_firstBin[m], w.Length), w);
        }
    }
}
