using System.Diagnostics;

namespace Trainer.StreamEval;

/// <summary>Replays a stream through a fresh pipeline (its own ONNX Runtime session) and scores the detections.</summary>
internal static class StreamRunner
{
    /// <summary>One pass of <paramref name="audio"/> with <paramref name="overrides"/>; <paramref name="threshold"/> is recorded as the sweep value.</summary>
    public static StreamRunResult Run(float[] audio, IReadOnlyList<PlacedWord> words, IReadOnlyList<string> overrides, double? threshold)
    {
        using var session = new PipelineSession(PipelineSettings.Build(overrides));
        var started = Stopwatch.StartNew();
        session.FeedAll(audio);
        var seconds = started.Elapsed.TotalSeconds;
        var durationS = audio.Length / (double)StreamBuilder.SampleRateHz;
        var snapshot = session.Stats.TakeSnapshot(StreamBuilder.SampleRateHz);
        var score = StreamScorer.Score(words, session.Detections, durationS, session.Keywords);
        return new StreamRunResult(threshold, session.Thresholds, score, session.Detections.Count, snapshot.Inferences,
            snapshot.GateOpenShare, seconds, durationS / Math.Max(seconds, 1e-9));
    }
}
