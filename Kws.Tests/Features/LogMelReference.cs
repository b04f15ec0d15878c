namespace Kws.Tests.Features;

/// <summary>
/// An independent, deliberately naive reference for the log-mel front end, in double precision: a direct DFT
/// (no FFT), the textbook HTK mel formula, triangular filters computed per bin, periodic Hann window.
/// </summary>
internal static class LogMelReference
{
    public static double[,] Compute(float[] clip, int rate, int window, int hop, int nfft, int mels, double fmin, double fmax, double floor)
    {
        var frames = clip.Length < window ? 0 : 1 + ((clip.Length - window) / hop);
        var result = new double[frames, mels];
        static double Mel(double f) => 2595.0 * Math.Log10(1 + (f / 700.0));
        static double Hz(double m) => 700.0 * (Math.Pow(10, m / 2595.0) - 1);
        var points = Enumerable.Range(0, mels + 2).Select(i => Hz(Mel(fmin) + ((Mel(fmax) - Mel(fmin)) * i / (mels + 1)))).ToArray();
        for (var t = 0; t < frames; t++)
        {
            var power = new double[(nfft / 2) + 1];
            for (var k = 0; k < power.Length; k++)
            {
                double re = 0, im = 0;
                for (var n = 0; n < window; n++)
                {
                    var w = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / window));
                    var x = clip[(t * hop) + n] * w;
                    re += x * Math.Cos(2 * Math.PI * k * n / nfft);
                    im -= x * Math.Sin(2 * Math.PI * k * n / nfft);
                }

                power[k] = (re * re) + (im * im);
            }

            for (var m = 0; m < mels; m++)
            {
                double sum = 0;
                for (var k = 0; k < power.Length; k++)
                {
                    var f = (double)k * rate / nfft;
                    double weight = 0;
                    if (f > points[m] && f <= points[m + 1])
                    {
                        weight = (f - points[m]) / (points[m + 1] - points[m]);
                    }
                    else if (f > points[m + 1] && f < points[m + 2])
                    {
                        weight = (points[m + 2] - f) / (points[m + 2] - points[m + 1]);
                    }

                    sum += weight * power[k];
                }

                result[t, m] = Math.Log(Math.Max(sum, floor));
            }
        }

        return result;
    }
}
