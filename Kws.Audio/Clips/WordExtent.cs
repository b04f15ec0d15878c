namespace Kws.Audio.Clips;

/// <summary>
/// Where the word is inside a clip: the first and last 10 ms frame whose power is within
/// <see cref="DefaultThresholdDb"/> of the clip's loudest frame. Everything between them counts as the word.
/// </summary>
public static class WordExtent
{
    /// <summary>Frames this far (in dB) below the loudest frame or further are not part of the word.</summary>
    public const double DefaultThresholdDb = 20;

    /// <summary>The samples of one analysis frame (10 ms at 16 kHz).</summary>
    public const int FrameSamples = 160;

    /// <summary>The word's extent in samples (<c>Start</c> inclusive, <c>End</c> exclusive), or null for a clip with no energy.</summary>
    public static (int Start, int End)? Measure(ReadOnlySpan<float> clip, double thresholdDb = DefaultThresholdDb)
    {
        var frames = clip.Length / FrameSamples;
        if (frames == 0)
        {
            return null;
        }

        var powers = new double[frames];
        var max = 0.0;
        for (var f = 0; f < frames; f++)
        {
            powers[f] = Power(clip.Slice(f * FrameSamples, FrameSamples));
            max = Math.Max(max, powers[f]);
        }

        if (max <= 1e-12)
        {
            return null;
        }

        var floor = max * Math.Pow(10, -thresholdDb / 10);
        var first = Array.FindIndex(powers, p => p >= floor);
        var last = Array.FindLastIndex(powers, p => p >= floor);
        return (first * FrameSamples, (last + 1) * FrameSamples);
    }

    /// <summary>Mean square of <paramref name="samples"/> (0 for none).</summary>
    public static double Power(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return sum / samples.Length;
    }
}
