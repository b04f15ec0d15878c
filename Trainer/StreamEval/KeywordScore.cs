using System.Text.Json.Serialization;

namespace Trainer.StreamEval;

/// <summary>How one keyword fared on a stream.</summary>
/// <param name="Words">Placed words of this keyword.</param>
/// <param name="Hits">Of them, detected as this keyword within the hit window.</param>
/// <param name="FalseAlarms">Detections of this keyword that were not hits.</param>
/// <param name="FalseAlarmsPerHour">False alarms per hour of stream.</param>
/// <param name="LatencyMedianS">Median of detection time minus word end over the hits (null without hits).</param>
/// <param name="LatencyP90S">90th percentile of the same (null without hits).</param>
/// <param name="FalseAlarmRecordings">
/// Different recordings its false alarms fell on (see <see cref="FalseAlarmCounts.DistinctRecordings"/>): a clip that
/// fires each of the three times it is placed counts once.
/// </param>
internal sealed record KeywordScore(
    int Words,
    int Hits,
    int FalseAlarms,
    double FalseAlarmsPerHour,
    double? LatencyMedianS,
    double? LatencyP90S,
    int FalseAlarmRecordings)
{
    /// <summary>Hits over words (0 when there were no words).</summary>
    [JsonPropertyOrder(-1)]
    public double HitRate => Words == 0 ? 0 : (double)Hits / Words;

    /// <summary>1 minus the hit rate.</summary>
    [JsonPropertyOrder(-1)]
    public double MissRate => Words == 0 ? 0 : 1 - HitRate;
}
