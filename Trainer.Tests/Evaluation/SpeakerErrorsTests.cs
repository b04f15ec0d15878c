using Trainer.Evaluation;

namespace Trainer.Tests.Evaluation;

public class SpeakerErrorsTests
{
    private static readonly string[] Labels = ["yes", "no", "_silence_", "_unknown_"];

    private static ScoredClip Clip(string speaker, int truth, int predicted, int n = 0) =>
        new(truth, [.. Enumerable.Range(0, 4).Select(k => k == predicted ? 0.7f : 0.1f)], $"/d/{Labels[truth]}/{speaker}_nohash_{n}.wav");

    [Fact]
    public void MissesAndFalseAcceptsAreCountedPerSpeakerWorstFirst()
    {
        List<ScoredClip> clips =
        [
            Clip("aaaaaaaa", 0, 0), Clip("aaaaaaaa", 1, 3, 1),
            Clip("bbbbbbbb", 1, 3), Clip("bbbbbbbb", 1, 3, 1), Clip("bbbbbbbb", 0, 1, 2),
            Clip("cccccccc", 3, 1), Clip("cccccccc", 0, 0, 1),
            Clip("dddddddd", 3, 3), Clip("dddddddd", 2, 2, 1),
        ];
        var errors = SpeakerErrors.Of(clips, Labels);
        Assert.Equal(["bbbbbbbb", "aaaaaaaa", "cccccccc"], errors.Select(e => e.Speaker));
        Assert.Equal(new SpeakerErrors("bbbbbbbb", 3, 3, 3, 0), errors[0]);
        Assert.Equal(new SpeakerErrors("cccccccc", 2, 1, 0, 1), errors[2]);

        var report = EvaluationReport.From("test", clips, Labels);
        Assert.Equal(errors, report.SpeakerErrors);
        Assert.Equal("keyword clips missed: 4 from 2 of 3 speakers with keyword clips (most: bbbbbbbb 3/3, aaaaaaaa 1/2); other clips taken for a keyword: 1 from 1 speakers", report.SpeakerSummary);
    }
}
