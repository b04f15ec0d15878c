using TestSupport;
using Kws.Audio.Wav;

namespace Trainer.Tests.Data;

/// <summary>
/// A tiny Speech Commands–layout dataset made of synthetic sounds, written to a temp folder: "yes" = a rising
/// chirp, "no" = a falling chirp, "up" (unknown) = a steady tone, _silence_ = faint noise, plus a background-noise
/// recording. Speakers are 8-hex-digit ids, so the speaker split works as on real data.
/// </summary>
internal static class GeneratedDataset
{
    public static string Create(string root, int speakers = 12, int perSpeaker = 2)
    {
        var rng = new Random(42);
        foreach (var label in new[] { "yes", "no", "up", "_silence_" })
        {
            Directory.CreateDirectory(Path.Combine(root, label));
            for (var s = 0; s < speakers; s++)
            {
                var speaker = $"{(uint)(s * 2654435761u):x8}";
                for (var n = 0; n < perSpeaker; n++)
                {
                    WavWriter.WritePcm16(Path.Combine(root, label, $"{speaker}_nohash_{n}.wav"), Sound(label, rng), 16000);
                }
            }
        }

        Directory.CreateDirectory(Path.Combine(root, "_background_noise_"));
        WavWriter.WritePcm16(Path.Combine(root, "_background_noise_", "noise.wav"),
            Enumerable.Range(0, 48000).Select(_ => (float)((rng.NextDouble() - 0.5) * 0.2)).ToArray(), 16000);
        return root;
    }

    private static float[] Sound(string label, Random rng)
    {
        var x = new float[16000];
        var f0 = 300 + (rng.NextDouble() * 100);
        var phase = 0.0;
        for (var i = 4000; i < 12000; i++)
        {
            var t = (i - 4000) / 8000.0;
            var f = label switch { "yes" => f0 + (1500 * t), "no" => f0 + 1500 - (1500 * t), _ => f0 * 2 };
            phase += 2 * Math.PI * f / 16000;
            x[i] = label == "_silence_" ? 0 : (float)(0.4 * Math.Sin(phase));
        }

        for (var i = 0; i < x.Length; i++)
        {
            x[i] += (float)((rng.NextDouble() - 0.5) * 0.01);
        }

        return x;
    }
}
