using Kws.Audio.Clips;

namespace Trainer.StreamEval;

/// <summary>
/// Mixes a stream's noise track under its words at a chosen SNR. Definition used throughout:
/// SNR = 10·log10(P_speech / P_noise), where P_speech is the mean square of the clean speech over the samples inside
/// the placed words' measured extents (the speech-active part; gaps do not dilute it) and P_noise is the mean square
/// of the added noise over the whole stream. Since every word is scaled to the same level, each word sits at about
/// that SNR against the (per-segment level-matched) noise.
/// </summary>
internal static class SnrMixer
{
    /// <summary>Mean square of <paramref name="speech"/> over the extents of <paramref name="words"/>.</summary>
    public static double SpeechPower(float[] speech, IReadOnlyList<PlacedWord> words)
    {
        var sum = 0.0;
        long count = 0;
        foreach (var w in words)
        {
            for (var i = w.Start; i < w.End; i++)
            {
                sum += (double)speech[i] * speech[i];
            }

            count += w.End - w.Start;
        }

        return count == 0 ? 0 : sum / count;
    }

    /// <summary>The stream with noise at <paramref name="snrDb"/> (clipped to ±1); the clean words when the SNR is infinite.</summary>
    public static float[] Mix(CleanStream stream, double snrDb)
    {
        var mixed = (float[])stream.Speech.Clone();
        if (double.IsPositiveInfinity(snrDb))
        {
            return mixed;
        }

        if (stream.Noise.Length != mixed.Length)
        {
            throw new ArgumentException("no background noise to mix: give a noise folder with readable recordings (--noise)");
        }

        var noisePower = WordExtent.Power(stream.Noise);
        var speechPower = SpeechPower(stream.Speech, stream.Words);
        var scale = (float)Math.Sqrt(speechPower / (noisePower * Math.Pow(10, snrDb / 10)));
        for (long i = 0; i < mixed.LongLength; i++)
        {
            mixed[i] = Math.Clamp(mixed[i] + (stream.Noise[i] * scale), -1f, 1f);
        }

        return mixed;
    }

    /// <summary>The SNR of <paramref name="mixed"/> by the definition above, taking the noise as mixed minus speech.</summary>
    public static double Measure(float[] speech, float[] mixed, IReadOnlyList<PlacedWord> words)
    {
        var noise = 0.0;
        for (long i = 0; i < mixed.LongLength; i++)
        {
            var d = (double)mixed[i] - speech[i];
            noise += d * d;
        }

        noise /= Math.Max(1, mixed.LongLength);
        return noise <= 0 ? double.PositiveInfinity : 10 * Math.Log10(SpeechPower(speech, words) / noise);
    }
}
