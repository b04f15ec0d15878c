using Trainer.Evaluation;

namespace Trainer.Export;

/// <summary>
/// How closely the exported file (run by ONNX Runtime) agrees with the engine on the same clips: accuracy of each,
/// the share of clips whose predicted class differs, and the largest probability difference.
/// </summary>
internal sealed record ExportParity(int Clips, double EngineAccuracy, double OnnxAccuracy, double PredictionsDiffering, double MaxProbabilityDifference)
{
    /// <summary>Compares two scorings of the same clips, in the same order.</summary>
    public static ExportParity Compare(IReadOnlyList<ScoredClip> engine, IReadOnlyList<ScoredClip> onnx)
    {
        if (engine.Count != onnx.Count)
        {
            throw new ArgumentException($"engine scored {engine.Count} clips but ONNX Runtime {onnx.Count}");
        }

        var n = Math.Max(1, engine.Count);
        var maxDiff = 0.0;
        var differing = 0;
        for (var i = 0; i < engine.Count; i++)
        {
            differing += engine[i].Predicted != onnx[i].Predicted ? 1 : 0;
            for (var k = 0; k < engine[i].Scores.Length; k++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(engine[i].Scores[k] - onnx[i].Scores[k]));
            }
        }

        return new ExportParity(engine.Count,
            (double)engine.Count(c => c.Predicted == c.Truth) / n,
            (double)onnx.Count(c => c.Predicted == c.Truth) / n,
            (double)differing / n,
            maxDiff);
    }

    /// <summary>
    /// True when the two accuracies differ by at most <paramref name="tolerance"/> (a share, 0.001 = 0.1%), and so do
    /// the predictions themselves: two clips flipped in opposite directions leave the accuracies equal but are still a
    /// disagreement.
    /// </summary>
    public bool Within(double tolerance) => Math.Abs(EngineAccuracy - OnnxAccuracy) <= tolerance && PredictionsDiffering <= tolerance;

    /// <summary>One line for the log and the report.</summary>
    public string Describe() =>
        $"export parity on {Clips} validation clips: engine accuracy {EngineAccuracy:P2}, ONNX Runtime {OnnxAccuracy:P2}, " +
        $"predictions differing {PredictionsDiffering:P2}, largest probability difference {MaxProbabilityDifference:E2}";
}
