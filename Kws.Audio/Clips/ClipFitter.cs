namespace Kws.Audio.Clips;

/// <summary>
/// Fits a recording to the fixed length a classifier takes: a shorter one is centred in zeros, a longer one is cut
/// to its loudest stretch (so a word inside a three-second recording is kept whole). The trainer and the service's
/// <c>classify</c> command both use this, so a clip means the same to both.
/// </summary>
public static class ClipFitter
{
    /// <summary><paramref name="audio"/> itself when it has <paramref name="length"/> samples, else a fitted copy.</summary>
    public static float[] FitToLength(float[] audio, int length)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (audio.Length == length)
        {
            return audio;
        }

        var result = new float[length];
        if (audio.Length < length)
        {
            audio.CopyTo(result, (length - audio.Length) / 2);
            return result;
        }

        audio.AsSpan(LoudestStart(audio, length), length).CopyTo(result);
        return result;
    }

    /// <summary>Start of the <paramref name="length"/>-sample stretch with the most energy (a sliding sum of squares; the first on ties).</summary>
    public static int LoudestStart(ReadOnlySpan<float> audio, int length)
    {
        if (audio.Length <= length)
        {
            return 0;
        }

        double sum = 0;
        for (var i = 0; i < length; i++)
        {
            sum += audio[i] * audio[i];
        }

        var best = sum;
        var bestStart = 0;
        for (var start = 1; start + length <= audio.Length; start++)
        {
            var leaving = audio[start - 1];
            var entering = audio[start + length - 1];
            sum += (entering * entering) - (leaving * leaving);
            if (sum > best + 1e-9)
            {
                best = sum;
                bestStart = start;
            }
        }

        return bestStart;
    }
}
