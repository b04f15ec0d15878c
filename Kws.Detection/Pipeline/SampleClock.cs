namespace Kws.Detection.Pipeline;

/// <summary>
/// Conversions between durations and the sample clock. Every stage of the pipeline measures time as an absolute
/// sample index since the start of the stream (0 = the first sample the source produced), never the wall clock.
/// </summary>
public static class SampleClock
{
    /// <summary>The number of samples in <paramref name="milliseconds"/> at <paramref name="sampleRateHz"/>, rounded to the nearest sample.</summary>
    public static long MsToSamples(double milliseconds, int sampleRateHz) =>
        (long)Math.Round(milliseconds * sampleRateHz / 1000.0, MidpointRounding.AwayFromZero);

    /// <summary>The time in seconds of absolute sample index (or sample count) <paramref name="samples"/>.</summary>
    public static double SamplesToSeconds(long samples, int sampleRateHz) => (double)samples / sampleRateHz;

    /// <summary>Throws a clear exception when <paramref name="sampleRateHz"/> is not a usable sample rate.</summary>
    public static void RequireRate(int sampleRateHz, string owner)
    {
        if (sampleRateHz <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, $"{owner}: the sample rate must be positive (Hz).");
        }
    }
}
