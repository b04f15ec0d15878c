using TestSupport;
using Trainer.Data;

namespace Trainer.Tests.Data;

/// <summary>--hold-out-noise: each recording split by time, the data set's silence clips left out, held-out silence cut from the right part.</summary>
public sealed class HeldOutNoiseTests
{
    private const int Clip = 16000;

    /// <summary>A recording whose every sample tells its own position: sample i is (i + 1) * 1e-6.</summary>
    private static float[] Ramp(int length) => Enumerable.Range(0, length).Select(i => (i + 1) * 1e-6f).ToArray();

    private static LoadedDataset Data(IReadOnlyList<float[]> noise)
    {
        var folder = GeneratedDataset.Create(TestPaths.NewTempDir("kws-noise-split"), speakers: 12, perSpeaker: 1);
        var layout = DatasetLayout.Resolve(folder, null, [], []);
        var loaded = LoadedDataset.Load(DatasetScanner.Scan(layout, new SpeakerSplitter(15, 15)), layout);
        return loaded.With(loaded.Clips, noise);
    }

    [Fact]
    public void Each_recording_is_split_by_time_into_three_parts_that_cover_it_once()
    {
        var recording = Ramp(100_000);
        var train = HeldOutNoise.Portion(recording, DataSplit.Train, 15, 15);
        var validation = HeldOutNoise.Portion(recording, DataSplit.Validation, 15, 15);
        var test = HeldOutNoise.Portion(recording, DataSplit.Test, 15, 15);

        Assert.Equal(70_000, train.Length);
        Assert.Equal(15_000, validation.Length);
        Assert.Equal(15_000, test.Length);
        Assert.Equal(recording, train.Concat(validation).Concat(test).ToArray());
    }

    [Fact]
    public void The_data_sets_silence_gives_way_to_cuts_of_each_splits_own_part_and_training_keeps_only_its_part()
    {
        var noise = new[] { Ramp(200_000), Ramp(150_000) };
        var data = Data(noise);
        Assert.Contains(data.Clips, c => c.Ref.ClassIndex == ClassLabels.Silence); // the generated set has _silence_ clips

        var held = HeldOutNoise.Apply(data, 15, 15, Clip);

        Assert.Equal([140_000, 105_000], held.Noise.Select(n => n.Length));
        Assert.DoesNotContain(held.Clips, c => c.Ref.ClassIndex == ClassLabels.Silence && c.Ref.Source != "held-out noise");
        Assert.Equal(data.Clips.Count(c => c.Ref.ClassIndex != ClassLabels.Silence), held.Clips.Count(c => c.Ref.ClassIndex != ClassLabels.Silence));
        foreach (var split in new[] { DataSplit.Validation, DataSplit.Test })
        {
            var cuts = held.Clips.Where(c => c.Ref.ClassIndex == ClassLabels.Silence && c.Ref.Split == split).ToList();
            Assert.Equal(HeldOutNoise.SilenceClipsPerSplit, cuts.Count);
            foreach (var cut in cuts)
            {
                // Scaled by a level in (0.001, 1]: the first sample over the rise across the clip still gives its position.
                Assert.Equal(Clip, cut.Audio.Length);
                var rise = ((double)cut.Audio[^1] - cut.Audio[0]) / (Clip - 1);
                var start = (int)Math.Round((cut.Audio[0] / rise) - 1);
                var length = noise[cut.Ref.Path.Contains("noise 1,", StringComparison.Ordinal) ? 0 : 1].Length;
                var (from, to) = split == DataSplit.Validation ? (length * 70 / 100, length * 85 / 100) : (length * 85 / 100, length);
                Assert.InRange(start, from, to - Clip);
            }
        }

        Assert.DoesNotContain(held.Clips, c => c.Ref.ClassIndex == ClassLabels.Silence && c.Ref.Split == DataSplit.Train);
    }

    [Fact]
    public void Without_noise_recordings_it_is_refused_with_a_clear_message()
    {
        var e = Assert.Throws<DataException>(() => HeldOutNoise.Apply(Data([]), 15, 15, Clip));
        Assert.Contains("--hold-out-noise needs background noise recordings", e.Message, StringComparison.Ordinal);
    }
}
