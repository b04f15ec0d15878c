using Trainer.Data;
using Trainer.Training;

namespace Trainer.Tests.Training;

/// <summary>What one epoch is made of: keywords, repeated real keywords, the unknown and silence shares.</summary>
public class EpochPlannerTests
{
    private static List<Clip> Training() =>
    [
        TestClips.Make("real-yes", ClassLabels.Yes, "yes"),
        TestClips.Make("real-no", ClassLabels.No, "no"),
        TestClips.Make("synthetic-yes", ClassLabels.Yes, ClipRef.ExtraPrefix + "yes"),
        TestClips.Make("synthetic-no", ClassLabels.No, ClipRef.ExtraPrefix + "no"),
        TestClips.Make("up", ClassLabels.Unknown, "up"),
        TestClips.Make("down", ClassLabels.Unknown, "down"),
        TestClips.Make("quiet", ClassLabels.Silence, "_silence_"),
    ];

    private static int Count(Example[] plan, string name) => plan.Count(e => e.Clip?.Ref.Speaker == name);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void RealKeywordClipsComeRepeatTimesAndExtraFolderClipsOnce(int repeat)
    {
        var options = new TrainOptions { RealKeywordRepeat = repeat, UnknownShare = 2, SilenceShare = 1 };
        var planner = new EpochPlanner(Training(), options);

        foreach (var epoch in new[] { 1, 2 })
        {
            var plan = planner.Plan(epoch);
            Assert.Equal(repeat, Count(plan, "real-yes"));
            Assert.Equal(repeat, Count(plan, "real-no"));
            Assert.Equal(1, Count(plan, "synthetic-yes"));
            Assert.Equal(1, Count(plan, "synthetic-no"));

            // The negatives keep their share of the (larger) keyword part: UnknownShare and SilenceShare times a class.
            var keywordExamples = (2 * repeat) + 2;
            Assert.Equal(keywordExamples, plan.Count(e => e.ClassIndex is ClassLabels.Yes or ClassLabels.No));
            Assert.Equal(keywordExamples / 2 * 2, plan.Count(e => e.ClassIndex == ClassLabels.Unknown));
            Assert.Equal(keywordExamples / 2, plan.Count(e => e.ClassIndex == ClassLabels.Silence));
            Assert.Equal(planner.ExamplesPerEpoch, plan.Length);
            Assert.All(plan, e => Assert.Equal(e.Clip?.Ref.ClassIndex ?? ClassLabels.Silence, e.ClassIndex));
        }
    }

    [Fact]
    public void ARepeatBelowOneIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new EpochPlanner(Training(), new TrainOptions { RealKeywordRepeat = 0 }));
        Assert.Contains("RealKeywordRepeat", error.Message);
    }

    [Fact]
    public void TheSameSeedAndEpochGiveTheSamePlan()
    {
        var a = new EpochPlanner(Training(), new TrainOptions { RealKeywordRepeat = 2, Seed = 7 }).Plan(3);
        var b = new EpochPlanner(Training(), new TrainOptions { RealKeywordRepeat = 2, Seed = 7 }).Plan(3);
        Assert.Equal(a.Select(e => e.Clip?.Ref.Speaker), b.Select(e => e.Clip?.Ref.Speaker));
    }
}
