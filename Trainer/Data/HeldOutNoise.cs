namespace Trainer.Data;

/// <summary>
/// Holds the background noise out by time, as the speakers are held out by hash (<c>--hold-out-noise</c>): the first
/// (100 - validation - test)% of each recording is for training, the next validation% for validation, the last test%
/// for test. The data set's own <c>_silence_</c> clips are stretches of these same recordings at unknown places (202
/// of 203 in the shared data), so they are left out altogether, and the validation and test speakers get silence cut
/// from their own part of the noise instead: <see cref="SilenceClipsPerSplit"/> one-second cuts each, at a level of 0
/// to -60 dB as the trainer's own silence cuts, from a fixed seed.
/// </summary>
internal static class HeldOutNoise
{
    /// <summary>Silence clips cut for each held-out split (the data set had about 30 per split).</summary>
    public const int SilenceClipsPerSplit = 30;

    /// <summary>The part of <paramref name="recording"/> that belongs to <paramref name="split"/>.</summary>
    public static float[] Portion(float[] recording, DataSplit split, double validationPercent, double testPercent)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var trainEnd = (int)(recording.Length * (100 - validationPercent - testPercent) / 100);
        var validationEnd = (int)(recording.Length * (100 - testPercent) / 100);
        return split switch
        {
            DataSplit.Train => recording[..trainEnd],
            DataSplit.Validation => recording[trainEnd..validationEnd],
            _ => recording[validationEnd..],
        };
    }

    /// <summary>
    /// The data with the noise held out: training noise only in <see cref="LoadedDataset.Noise"/>, no
    /// <c>_silence_</c> clips of the data set, and silence cut from the validation and test parts of the noise.
    /// </summary>
    public static LoadedDataset Apply(LoadedDataset data, double validationPercent, double testPercent, int clipSamples)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Noise.Count == 0)
        {
            throw new DataException("--hold-out-noise needs background noise recordings (_background_noise_ or --noise)");
        }

        var clips = data.Clips.Where(c => c.Ref.ClassIndex != ClassLabels.Silence).ToList();
        foreach (var split in new[] { DataSplit.Validation, DataSplit.Test })
        {
            var parts = data.Noise.Select(n => Portion(n, split, validationPercent, testPercent)).ToList();
            var usable = Enumerable.Range(0, parts.Count).Where(i => parts[i].Length >= clipSamples).ToList();
            if (usable.Count == 0)
            {
                throw new DataException($"--hold-out-noise: the {split} part of every noise recording is shorter than one clip");
            }

            var rng = new Random(split == DataSplit.Validation ? 7001 : 7002);
            for (var k = 0; k < SilenceClipsPerSplit; k++)
            {
                var r = usable[k % usable.Count];
                var start = rng.Next(parts[r].Length - clipSamples + 1);
                var level = (float)Math.Pow(10, -rng.NextDouble() * 3); // 0 to -60 dB
                var audio = parts[r].AsSpan(start, clipSamples).ToArray();
                for (var i = 0; i < audio.Length; i++)
                {
                    audio[i] = Math.Clamp(audio[i] * level, -1f, 1f);
                }

                var name = $"background noise {r + 1}, {split} part, at {start / (double)ClipLoader.SampleRateHz:F2} s";
                clips.Add(new Clip(audio, new ClipRef(name, ClassLabels.Silence, $"noise-{split}", split, "held-out noise", "held-out noise")));
            }
        }

        return data.With(clips, data.Noise.Select(n => Portion(n, DataSplit.Train, validationPercent, testPercent)).ToList());
    }
}
