using TestSupport;
using Trainer.Data;

namespace Trainer.Tests.Data;

/// <summary>An extra training folder cannot bring a validation or test speaker into training.</summary>
public class HeldOutSpeakersTests
{
    [Fact]
    public void ExtraClipsOfHeldOutSpeakersAreLeftOutAndOthersKept()
    {
        var root = GeneratedDataset.Create(TestPaths.NewTempDir("kws-data"), speakers: 40, perSpeaker: 1);
        var layoutWithout = DatasetLayout.Resolve(root, null, [], []);
        var splitter = new SpeakerSplitter(15, 15);
        var plain = DatasetScanner.Scan(layoutWithout, splitter);
        var validationSpeaker = plain.First(c => c.Split == DataSplit.Validation).Speaker;
        var testSpeaker = plain.First(c => c.Split == DataSplit.Test).Speaker;
        var trainSpeaker = plain.First(c => c.Split == DataSplit.Train).Speaker;

        // An extra folder with more recordings of a validation, a test and a training speaker, and of a new speaker.
        var extra = TestPaths.NewTempDir("kws-extra");
        Directory.CreateDirectory(Path.Combine(extra, "yes"));
        var source = Directory.EnumerateFiles(Path.Combine(root, "yes")).First();
        foreach (var speaker in new[] { validationSpeaker, testSpeaker, trainSpeaker, "0badcafe" })
        {
            File.Copy(source, Path.Combine(extra, "yes", $"{speaker}_nohash_7.wav"));
        }

        var scanned = DatasetScanner.Scan(DatasetLayout.Resolve(root, null, [extra], []), splitter);
        var kept = HeldOutSpeakers.ExcludeFromExtra(scanned, out var excluded);

        Assert.Equal(
            new[] { validationSpeaker, testSpeaker }.Order(StringComparer.Ordinal),
            excluded.Select(c => c.Speaker).Order(StringComparer.Ordinal));
        Assert.Equal(2, excluded.Count);
        Assert.All(excluded, c => Assert.True(c.FromExtraFolder));
        Assert.Equal(scanned.Count - 2, kept.Count);
        Assert.Equal(
            new[] { trainSpeaker, "0badcafe" }.Order(StringComparer.Ordinal),
            kept.Where(c => c.FromExtraFolder).Select(c => c.Speaker).Order(StringComparer.Ordinal));

        // The main data set's own clips of those speakers stay where the split put them.
        Assert.Equal(plain.Count, kept.Count(c => !c.FromExtraFolder));
    }

    [Fact]
    public void WithoutExtraFoldersNothingChanges()
    {
        var root = GeneratedDataset.Create(TestPaths.NewTempDir("kws-data"), speakers: 10, perSpeaker: 1);
        var scanned = DatasetScanner.Scan(DatasetLayout.Resolve(root, null, [], []), new SpeakerSplitter(15, 15));
        var kept = HeldOutSpeakers.ExcludeFromExtra(scanned, out var excluded);
        Assert.Empty(excluded);
        Assert.Same(scanned, kept);
    }
}
