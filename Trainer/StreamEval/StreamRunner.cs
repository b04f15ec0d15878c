using System.Diagnostics;

namespace Trainer.StreamEval;

/// <summary>Replays a stream through a fresh pipeline (its own ONNX Runtime session) and scores the detections.</summary>
internal static class StreamRunner
{
    /// <summary>One pass of <paramref name="audio"/> with <paramref name="overrides"/>; <paramref name="threshold"/> is recorded as the sweep value.</summary>
    public static StreamRunResult Run(float[] audio, IReadOnlyList<PlacedWord> words, IReadOnlyList<string> overrides, double? threshold) =>
        Run(audio, words, overrides, threshold, out _);

    /// <summary>As <see cref="Run(float[], IReadOnlyList{PlacedWord}, IReadOnlyList{string}, double?)"/>, also recording what reached the smoother (for <see cref="Replay"/>).</summary>
    public static StreamRunResult Run(float[] audio, IReadOnlyList<PlacedWord> words, IReadOnlyList<string> overrides, double? threshold, out SmootherTape tape)
    {
        using var session = new PipelineSession(PipelineSettings.Build(overrides), recordSmoother: true);
        var started = Stopwatch.StartNew();
        session.FeedAll(audio);
        var seconds = started.Elapsed.TotalSeconds;
        var durationS = audio.Length / (double)StreamBuilder.SampleRateHz;
        var snapshot = session.Stats.TakeSnapshot(StreamBuilder.SampleRateHz);
        var score = StreamScorer.Score(words, session.Detections, durationS, session.Keywords);
        tape = session.Tape!;
        return new StreamRunResult(threshold, session.Thresholds, score, session.Detections.Count, snapshot.Inferences,
            snapshot.GateOpenShare, seconds, durationS / Math.Max(seconds, 1e-9));
    }

    /// <summary>
    /// The pass <paramref name="recorded"/> made, with the smoother settings of <paramref name="overrides"/> instead:
    /// the same detections a pass of its own would give (the model's scores do not depend on the smoother), without
    /// running the model again. Inference count, gate share and timing are the recorded pass's.
    /// </summary>
    public static StreamRunResult Replay(SmootherTape tape, StreamRunResult recorded, IReadOnlyList<PlacedWord> words, IReadOnlyList<string> overrides, double? threshold)
    {
        var settings = PipelineSettings.Build(overrides);
        var detections = tape.Replay(settings.Smoother, out var thresholds);
        var score = StreamScorer.Score(words, detections, recorded.Score.DurationS, [.. thresholds.Keys]);
        // A sweep keeps its counts, not every event (metrics.json would hold thousands at the low thresholds).
        score = score with { FalseAlarms = score.FalseAlarms with { Events = [] } };
        return recorded with { Threshold = threshold, Thresholds = thresholds, Score = score, Detections = detections.Count };
    }
}
