namespace Kws.Tests.Audio;

/// <summary>Test signals and measurements: sines, RMS, the amplitude of one frequency by projection.</summary>
internal static class Signals
{
    public static float[] Sine(int length, double frequencyHz, int rateHz, double amplitude = 0.5)
    {
        var x = new float[length];
        for (var n = 0; n < length; n++)
        {
            x[n] = (float)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * n / rateHz));
        }

        return x;
    }

    public static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum / x.Length);
    }

    /// <summary>Amplitude of the component at a frequency (exact for a window of whole periods).</summary>
    public static double Amplitude(ReadOnlySpan<float> x, double frequencyHz, int rateHz)
    {
        double s = 0, c = 0;
        for (var n = 0; n < x.Length; n++)
        {
            var w = 2 * Math.PI * frequencyHz * n / rateHz;
            s += x[n] * Math.Sin(w);
            c += x[n] * Math.Cos(w);
        }

        return 2 * Math.Sqrt((s * s) + (c * c)) / x.Length;
    }

    public static double Db(double ratio) => 20 * Math.Log10(ratio);
}
