using Trainer.StreamEval;

namespace Trainer.Tests.StreamEval;

public class StreamScorerTests
{
    private static readonly string[] Keywords = ["yes", "no"];

    private static PlacedWord Word(string label, double from, double to) =>
        new(label, label is "yes" or "no" ? label : null, $"/x/{label}.wav", (long)Math.Round(from * 16000), (long)Math.Round(to * 16000));

    private static readonly PlacedWord[] Words =
    [
        Word("yes", 2.0, 2.5),   // window 2.0 .. 3.5
        Word("left", 5.0, 5.5),  // 5.0 .. 6.5
        Word("no", 8.0, 8.6),    // 8.0 .. 9.6
        Word("yes", 11.0, 11.4), // 11.0 .. 12.4
        Word("no", 14.0, 14.5),  // 14.0 .. 15.5
    ];

    [Fact]
    public void ADetectionOfTheRightKeywordInTheWindowIsAHitWithItsLatency()
    {
        var score = StreamScorer.Score(Words, [new("yes", 2.7, 0.9f), new("no", 9.6, 0.9f)], 3600, Keywords);
        Assert.Equal(1, score.Keywords["yes"].Hits);
        Assert.Equal(2, score.Keywords["yes"].Words);
        Assert.Equal(0.5, score.Keywords["yes"].HitRate);
        Assert.Equal(0.2, score.Keywords["yes"].LatencyMedianS!.Value, 6);
        Assert.Equal(1, score.Keywords["no"].Hits);                       // the window's last instant still counts
        Assert.Equal(1.0, score.Keywords["no"].LatencyMedianS!.Value, 6);
        Assert.Equal(0, score.FalseAlarms.Total);
    }

    [Fact]
    public void DetectionsOutsideTheWindowAreFalseAlarmsAndTheWordIsMissed()
    {
        var score = StreamScorer.Score(Words, [new("yes", 1.9, 0.9f), new("yes", 3.6, 0.9f)], 1800, Keywords);
        Assert.Equal(0, score.Keywords["yes"].Hits);
        Assert.Equal(2, score.Keywords["yes"].FalseAlarms);
        Assert.Equal(4.0, score.Keywords["yes"].FalseAlarmsPerHour, 9);  // 2 in half an hour
        Assert.Equal(2, score.FalseAlarms.NoWord);
        Assert.Null(score.Keywords["yes"].LatencyMedianS);
    }

    [Fact]
    public void TheWrongKeywordIsAFalseAlarmAndNotAHit()
    {
        var score = StreamScorer.Score(Words, [new("no", 2.6, 0.9f)], 3600, Keywords);
        Assert.Equal(0, score.Keywords["yes"].Hits);
        Assert.Equal(0, score.Keywords["no"].Hits);
        Assert.Equal(1, score.Keywords["no"].FalseAlarms);
        Assert.Equal(0, score.Keywords["yes"].FalseAlarms);
        Assert.Equal(1, score.FalseAlarms.WrongKeyword);
        Assert.Equal(1, score.FalseAlarms.ByWord["yes→no"]);
    }

    [Fact]
    public void ASecondDetectionOfTheSameWordIsAFalseAlarm()
    {
        var score = StreamScorer.Score(Words, [new("yes", 2.6, 0.9f), new("yes", 3.4, 0.9f)], 3600, Keywords);
        Assert.Equal(1, score.Keywords["yes"].Hits);
        Assert.Equal(1, score.Keywords["yes"].FalseAlarms);
        Assert.Equal(1, score.FalseAlarms.Repeat);
        Assert.Equal(0.1, score.Keywords["yes"].LatencyMedianS!.Value, 6);   // the first one counts
    }

    [Fact]
    public void AKeywordOnAnotherWordIsAFalseAlarm()
    {
        var score = StreamScorer.Score(Words, [new("yes", 5.8, 0.9f), new("no", 20.0, 0.9f)], 3600, Keywords);
        Assert.Equal(1, score.FalseAlarms.OtherWord);
        Assert.Equal(1, score.FalseAlarms.NoWord);
        Assert.Equal(new Dictionary<string, int> { ["left→yes"] = 1 }, score.FalseAlarms.ByWord);
        Assert.Equal(2, score.FalseAlarms.Total);
        Assert.Equal(2.0, score.FalseAlarms.PerHour, 9);
    }

    [Fact]
    public void LatencyMedianAndP90AreOverTheHits()
    {
        var score = StreamScorer.Score(Words, [new("yes", 2.7, 0.9f), new("yes", 11.8, 0.9f), new("no", 8.7, 0.9f), new("no", 15.4, 0.9f)], 3600, Keywords);
        Assert.Equal(1.0, score.Keywords["yes"].HitRate);
        Assert.Equal(0.3, score.Keywords["yes"].LatencyMedianS!.Value, 6);          // 0.2 and 0.4
        Assert.Equal(0.38, score.Keywords["yes"].LatencyP90S!.Value, 6);
        Assert.Equal(0.5, StreamScorer.Percentile([0.9, 0.1, 0.5], 0.5), 9);
        Assert.Equal(0.82, StreamScorer.Percentile([0.9, 0.1, 0.5], 0.9), 9);
    }

    [Fact]
    public void FalseAlarmsOnOneRecordingPlacedTwiceCountAsOneRecording()
    {
        PlacedWord[] words = [Word("left", 1, 1.5), Word("left", 5, 5.5), Word("up", 9, 9.5)];
        var score = StreamScorer.Score(words, [new("yes", 1.6, 0.9f), new("yes", 5.6, 0.9f), new("no", 9.6, 0.9f), new("no", 20, 0.9f)], 3600, Keywords);
        Assert.Equal(4, score.FalseAlarms.Total);
        Assert.Equal(3, score.FalseAlarms.DistinctRecordings);   // left.wav, up.wav, and the one on no word
        Assert.Equal(1, score.Keywords["yes"].FalseAlarmRecordings);
        Assert.Equal(2, score.Keywords["no"].FalseAlarmRecordings);
        Assert.Equal([1.6, 5.6, 9.6, 20], score.FalseAlarms.Events.Select(e => e.TimeS));
        Assert.Equal(0.6, score.FalseAlarms.Events[0].AfterWordStartS!.Value, 6);
        Assert.Equal(0.1, score.FalseAlarms.Events[0].AfterWordEndS!.Value, 6);
        Assert.Null(score.FalseAlarms.Events[3].Word);
    }
}
