using Kws.Audio.Clips;

namespace Trainer.StreamEval;

/// <summary>
/// A long background-noise track cut from recordings: segments of 5 to 20 s from a random recording at a random
/// offset (wrapping around a short one), each scaled to unit power, joined with 20 ms cross-fades; the whole track
/// is then scaled to a mean power of exactly 1.
/// </summary>
internal static class NoiseTrack
{
    private const int FadeSamples = 320;

    /// <summary>A track of <paramref name="length"/> samples; empty when <paramref name="recordings"/> holds no audible recording.</summary>
    public static float[] Build(IReadOnlyList<float[]> recordings, long length, Random rng)
    {
        var usable = recordings.Where(r => r.Length > 0 && WordExtent.Power(r) > 1e-12).ToList();
        if (usable.Count == 0)
        {
            return [];
        }

        var track = new float[length];
        long pos = 0;
        while (pos < length)
        {
            var segment = rng.Next(5 * StreamBuilder.SampleRateHz, (20 * StreamBuilder.SampleRateHz) + 1);
            var recording = usable[rng.Next(usable.Count)];
            var offset = rng.Next(recording.Length);
            var sum = 0.0;
            for (var i = 0; i < segment; i++)
            {
                var x = recording[(offset + i) % recording.Length];
                sum += (double)x * x;
            }

            var gain = (float)(1 / Math.Sqrt(Math.Max(sum / segment, 1e-12)));
            for (var i = 0; i < segment + FadeSamples && pos + i < length; i++)
            {
                var weight = i < FadeSamples && pos > 0 ? (float)i / FadeSamples
                    : i >= segment ? 1 - ((float)(i - segment) / FadeSamples)
                    : 1f;
                track[pos + i] += recording[(offset + i) % recording.Length] * gain * weight;
            }

            pos += segment;
        }

        var scale = (float)(1 / Math.Sqrt(Math.Max(WordExtent.Power(track), 1e-12)));
        for (long i = 0; i < track.LongLength; i++)
        {
            track[i] *= scale;
        }

        return track;
    }
}
