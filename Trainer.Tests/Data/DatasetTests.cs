using Kws.Audio.Wav;
using TestSupport;
using Trainer.Data;

namespace Trainer.Tests.Data;

public class DatasetTests
{
    [Fact]
    public void NoSpeakerIsInTwoSplitsAndEverySplitIsUsed()
    {
        var root = GeneratedDataset.Create(TestPaths.NewTempDir("kws-data"), speakers: 40, perSpeaker: 1);
        var layout = DatasetLayout.Resolve(root, null, [], []);
        var clips = DatasetScanner.Scan(layout, new SpeakerSplitter(15, 15));
        Assert.Equal(160, clips.Count);
        Assert.All(clips.GroupBy(c => c.Speaker), g => Assert.Single(g.Select(c => c.Split).Distinct()));
        Assert.Equal(3, clips.Select(c => c.Split).Distinct().Count());
        Assert.Equal(40, clips.Count(c => c.ClassIndex == ClassLabels.Unknown));
        Assert.Equal("noise.wav", Path.GetFileName(Directory.EnumerateFiles(layout.Noise!).Single()));
    }

    [Fact]
    public void SpeakerIdComesFromTheHashInTheName()
    {
        Assert.Equal("0a7c2a8d", SpeakerSplitter.SpeakerOf("/x/yes/0a7c2a8d_nohash_3.wav"));
        Assert.Equal("0c540988", SpeakerSplitter.SpeakerOf("/x/_unknown_/backward_0c540988_nohash_0.wav"));
        Assert.Equal("1037", SpeakerSplitter.SpeakerOf("/x/_silence_/1037.wav"));
    }

    [Fact]
    public void ListsInTheFolderDecideTheSplitWhenPresent()
    {
        var root = GeneratedDataset.Create(TestPaths.NewTempDir("kws-data"), speakers: 4, perSpeaker: 1);
        var first = Directory.EnumerateFiles(Path.Combine(root, "yes")).Order().First();
        File.WriteAllText(Path.Combine(root, "testing_list.txt"), $"yes/{Path.GetFileName(first)}\n");
        var clips = DatasetScanner.Scan(DatasetLayout.Resolve(root, null, [], []), new SpeakerSplitter(15, 15));
        Assert.Equal(first, Assert.Single(clips, c => c.Split == DataSplit.Test).Path);
        Assert.DoesNotContain(clips, c => c.Split == DataSplit.Validation);
    }

    [Fact]
    public void AMissingFolderIsNamed()
    {
        var ex = Assert.Throws<DataException>(() => DatasetLayout.Resolve("/nonexistent/data", null, [], []));
        Assert.Contains("/nonexistent/data", ex.Message);
    }

    [Fact]
    public void AFolderWithoutYesOrNoClipsIsRefused()
    {
        var root = TestPaths.NewTempDir("kws-data");
        Directory.CreateDirectory(Path.Combine(root, "yes"));
        var ex = Assert.Throws<DataException>(() => DatasetLayout.Resolve(root, null, [], []));
        Assert.Contains("no 'yes' clips", ex.Message);
    }

    [Fact]
    public void AnUnreadableWavIsNamedSkippedAndCounted()
    {
        var root = GeneratedDataset.Create(TestPaths.NewTempDir("kws-data"), speakers: 3, perSpeaker: 1);
        var bad = Path.Combine(root, "no", "deadbeef_nohash_0.wav");
        File.WriteAllText(bad, "this is not audio");
        var layout = DatasetLayout.Resolve(root, null, [], []);
        var data = LoadedDataset.Load(DatasetScanner.Scan(layout, new SpeakerSplitter(15, 15)), layout);
        var skipped = Assert.Single(data.Skipped);
        Assert.Contains(bad, skipped);
        Assert.Equal(12, data.Clips.Count);
    }

    [Fact]
    public void NegativesLongerThanASecondAreCutAroundTheirLoudestSecond()
    {
        var root = GeneratedDataset.Create(TestPaths.NewTempDir("kws-data"), speakers: 2, perSpeaker: 1);
        var negatives = Path.Combine(TestPaths.NewTempDir("kws-neg"), "computer");
        Directory.CreateDirectory(negatives);
        var audio = new float[40000];
        for (var i = 25000; i < 30000; i++)
        {
            audio[i] = 0.5f;
        }

        TestSupport.WavWriter.WritePcm16(Path.Combine(negatives, "a.wav"), audio, 16000);
        var layout = DatasetLayout.Resolve(root, null, [], [negatives]);
        var data = LoadedDataset.Load(DatasetScanner.Scan(layout, new SpeakerSplitter(15, 15)), layout);
        var clip = Assert.Single(data.Clips, c => c.Ref.Source == "computer");
        Assert.Equal(ClassLabels.Unknown, clip.Ref.ClassIndex);
        Assert.Equal(16000, clip.Audio.Length);
        Assert.Equal(5000, clip.Audio.Count(v => Math.Abs(v - 0.5f) < 1e-3));
    }
}
