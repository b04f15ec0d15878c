using Kws.Audio.Wav;
using TestSupport;
using Trainer.Cli;
using Trainer.Data;

namespace Trainer.Tests.Data;

/// <summary>Several Speech Commands–layout roots read as one data set: one split by speaker over all, counts per source.</summary>
public class SeveralRootsTests
{
    /// <summary>The shared data's shape: speech_commands/ and mini_speech_commands/ (same speakers in both), more_words/ (no keywords), noise beside.</summary>
    private static string SharedLayout()
    {
        var parent = TestPaths.NewTempDir("kws-roots");
        GeneratedDataset.Create(Path.Combine(parent, "speech_commands"), speakers: 30, perSpeaker: 1);
        GeneratedDataset.Create(Path.Combine(parent, "mini_speech_commands"), speakers: 30, perSpeaker: 2);
        Directory.Move(Path.Combine(parent, "speech_commands", "_background_noise_"), Path.Combine(parent, "_background_noise_"));
        Directory.Delete(Path.Combine(parent, "mini_speech_commands", "_background_noise_"), recursive: true);
        var bed = Path.Combine(parent, "more_words", "bed");
        Directory.CreateDirectory(bed);
        for (var s = 0; s < 30; s++)
        {
            WavWriter.WritePcm16(Path.Combine(bed, $"{(uint)(s * 2654435761u):x8}_nohash_0.wav"), new float[8000], 16000);
        }

        return parent;
    }

    [Fact]
    public void AFolderHoldingTheSharedLayoutReadsEveryRootAndSplitsEachSpeakerOnce()
    {
        var parent = SharedLayout();
        var layout = DatasetLayout.Resolve(parent, null, [], []);
        Assert.Equal(["speech_commands", "mini_speech_commands", "more_words"], layout.Roots.Select(Path.GetFileName));
        Assert.Equal(Path.Combine(parent, "_background_noise_"), layout.Noise);

        var clips = DatasetScanner.Scan(layout, new SpeakerSplitter(15, 15));
        Assert.Equal((30 * 4) + (60 * 4) + 30, clips.Count);
        Assert.All(clips.GroupBy(c => c.Speaker), g => Assert.Single(g.Select(c => c.Split).Distinct()));
        Assert.Equal(3, clips.Select(c => c.Split).Distinct().Count());
        Assert.Equal(["speech_commands", "mini_speech_commands", "more_words"], clips.Select(c => c.Origin).Distinct());
    }

    [Fact]
    public void TheCountsPerSourceSplitAndClassAddUpToTheClipsRead()
    {
        var parent = SharedLayout();
        var layout = DatasetLayout.Resolve([Path.Combine(parent, "speech_commands"), Path.Combine(parent, "more_words")], null, [], []);
        var data = LoadedDataset.Load(DatasetScanner.Scan(layout, new SpeakerSplitter(15, 15)), layout);
        var counts = SourceCount.Of(data);

        Assert.Equal(data.Clips.Count, counts.Sum(c => c.Clips.Sum()));
        Assert.Equal(data.Clips.Count(c => c.Ref.Origin == "more_words"), counts.Where(c => c.Source == "more_words").Sum(c => c.Clips[ClassLabels.Unknown]));
        Assert.All(counts.Where(c => c.Source == "more_words"), c => Assert.Equal(0, c.Clips[ClassLabels.Yes] + c.Clips[ClassLabels.No]));
        foreach (var row in counts)
        {
            var rows = data.Clips.Where(c => c.Ref.Origin == row.Source && c.Ref.Split == row.Split).ToList();
            Assert.Equal(rows.Count(c => c.Ref.ClassIndex == ClassLabels.Yes), row.Clips[ClassLabels.Yes]);
            Assert.Equal(rows.Select(c => c.Ref.Speaker).Distinct().Count(), row.Speakers);
        }

        var table = DataSummary.SourceTable(counts);
        Assert.Equal(counts.Count + 1, table.Count);
        Assert.StartsWith("source", table[0]);
        Assert.Contains(table, l => l.StartsWith("more_words", StringComparison.Ordinal) && l.Contains("Validation", StringComparison.Ordinal));
    }

    [Fact]
    public void AFolderGivenTwiceOrWithoutKeywordsAnywhereIsRefused()
    {
        var parent = SharedLayout();
        var twice = Assert.Throws<DataException>(() => DatasetLayout.Resolve([parent, Path.Combine(parent, "more_words")], null, [], []));
        Assert.Contains("given twice", twice.Message);
        var none = Assert.Throws<DataException>(() => DatasetLayout.Resolve([Path.Combine(parent, "more_words")], null, [], []));
        Assert.Contains("no 'yes' clips", none.Message);
    }
}
