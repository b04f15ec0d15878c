using Kws.Audio.Clips;
using Trainer.Augment;
using Trainer.Data;
using Trainer.StreamEval;
using Trainer.Training;
using Trainer.Tests.Training;

namespace Trainer.Tests.Augment;

/// <summary>Two words run together: hard negatives made of other words, and keywords with a neighbouring word.</summary>
public sealed class RunTogetherTests
{
    private const int Rate = 16000;

    /// <summary>A one-second clip with a 1 kHz "word" of the given level from <paramref name="from"/> to <paramref name="to"/> (samples).</summary>
    private static float[] Word(int from, int to, float level)
    {
        var clip = new float[Rate];
        for (var i = from; i < to; i++)
        {
            clip[i] = level * MathF.Sin(2 * MathF.PI * 1000 * i / Rate);
        }

        return clip;
    }

    private static double Rms(ReadOnlySpan<float> x) => Math.Sqrt(WordExtent.Power(x));

    [Fact]
    public void AWordCutAtTheWindowStartGetsItsNeighbourAfterItAtAboutItsLevel()
    {
        var augmenter = new WaveAugmenter(new AugmentOptions { RunTogetherGapMs = 100 }, []);
        for (var seed = 0; seed < 20; seed++)
        {
            var audio = Word(0, 3000, 0.5f);          // the end of a word, at the start of the window
            var neighbour = Word(6000, 10000, 0.05f);  // a quieter word in the middle of its clip
            augmenter.RunTogether(audio, neighbour, new Random(seed), wordIsPartial: true);

            var (start, end) = WordExtent.Measure(audio.AsSpan(3000))!.Value;
            Assert.InRange(start, 0, 1600 + 160);       // within the 100 ms gap (plus the fade-in)
            Assert.InRange(end - start, 3600, 4000 + 320);   // the whole neighbour fits (extents are whole 10 ms frames)
            var ratio = Rms(audio.AsSpan(3000 + start + 200, 3000)) / Rms(audio.AsSpan(0, 3000));
            Assert.InRange(20 * Math.Log10(ratio), -6.1, 6.1);
            Assert.Equal(0f, audio[^1]);
        }
    }

    [Fact]
    public void AWordCutAtTheWindowEndGetsItsNeighbourBeforeIt()
    {
        var augmenter = new WaveAugmenter(new AugmentOptions(), []);
        var audio = Word(13000, Rate, 0.5f);
        augmenter.RunTogether(audio, Word(6000, 10000, 0.5f), new Random(1), wordIsPartial: true);
        var (start, end) = WordExtent.Measure(audio.AsSpan(0, 13000))!.Value;
        Assert.InRange(13000 - end, 0, 1600 + 160);
        Assert.InRange(end - start, 3600, 4000 + 320);
    }

    [Fact]
    public void ASilentNeighbourChangesNothing()
    {
        var augmenter = new WaveAugmenter(new AugmentOptions(), []);
        var audio = Word(4000, 9000, 0.5f);
        var before = audio.ToArray();
        augmenter.RunTogether(audio, new float[Rate], new Random(1), wordIsPartial: false);
        Assert.Equal(before, audio);
    }

    [Fact]
    public void PlansGiveNeighboursOnlyWhenAskedAndOtherwiseStayAsTheyWere()
    {
        List<Clip> training =
        [
            TestClips.Make("yes", ClassLabels.Yes, "yes"),
            TestClips.Make("no", ClassLabels.No, "no"),
            .. Enumerable.Range(0, 20).Select(i => TestClips.Make($"w{i}", ClassLabels.Unknown, "up")),
        ];
        var plain = new TrainOptions { UnknownShare = 40, SilenceShare = 0 };
        var withNeighbours = plain with { Augment = plain.Augment with { RunTogetherPercent = 50, KeywordContextPercent = 100 } };

        var before = new EpochPlanner(training, plain).Plan(3);
        Assert.All(before, e => Assert.Null(e.Neighbour));
        Assert.Equal(before, new EpochPlanner(training, plain).Plan(3));

        var plan = new EpochPlanner(training, withNeighbours).Plan(3);
        Assert.All(plan.Where(e => e.ClassIndex != ClassLabels.Unknown), e => Assert.Equal(ClassLabels.Unknown, e.Neighbour!.Ref.ClassIndex));
        var together = plan.Count(e => e.ClassIndex == ClassLabels.Unknown && e.Neighbour is not null);
        Assert.InRange(together, 10, 30);  // about half of 40
        Assert.Equal(ClassLabels.Unknown, WordClasses.TargetOf(plan.First(e => e is { ClassIndex: ClassLabels.Unknown, Neighbour: not null }), ["up"]));
        Assert.Equal(4, WordClasses.TargetOf(plan.First(e => e is { ClassIndex: ClassLabels.Unknown, Neighbour: null }), ["up"]));
    }
}
