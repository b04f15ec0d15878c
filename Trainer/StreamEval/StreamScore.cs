namespace Trainer.StreamEval;

/// <summary>How a list of detections fared against the words placed in a stream.</summary>
/// <param name="DurationS">The stream's length in seconds.</param>
/// <param name="Keywords">Per keyword: words, hits, false alarms, latency.</param>
/// <param name="FalseAlarms">All false alarms, by kind.</param>
internal sealed record StreamScore(double DurationS, IReadOnlyDictionary<string, KeywordScore> Keywords, FalseAlarmCounts FalseAlarms);
