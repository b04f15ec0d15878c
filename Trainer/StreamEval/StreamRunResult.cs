namespace Trainer.StreamEval;

/// <summary>One pass of a stream through the pipeline at one setting, and how it scored.</summary>
/// <param name="Threshold">The threshold set for every keyword in a sweep; null for the run with the settings as they are.</param>
/// <param name="Thresholds">The threshold in force per keyword.</param>
/// <param name="Score">Hits, false alarms and latency.</param>
/// <param name="Detections">Detections reported.</param>
/// <param name="Inferences">Model runs (fewer than hops / inference hop when the energy gate closes).</param>
/// <param name="GateOpenShare">Share of hops with the energy gate open.</param>
/// <param name="ProcessingS">Wall time of the pass, in seconds.</param>
/// <param name="RealTimeFactor">Audio seconds per wall second.</param>
internal sealed record StreamRunResult(double? Threshold, IReadOnlyDictionary<string, float> Thresholds, StreamScore Score, int Detections,
    long Inferences, double GateOpenShare, double ProcessingS, double RealTimeFactor);
