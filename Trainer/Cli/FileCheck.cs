using Trainer.Data;
using Trainer.Evaluation;
using Trainer.Export;
using Trainer.Training;

namespace Trainer.Cli;

/// <summary>
/// What train and ensemble do with the file they wrote: score the validation speakers through ONNX Runtime and through
/// the engine and require that they agree (within <see cref="TrainJob.ParityTolerance"/> accuracy), then evaluate the
/// file on the validation and test speakers, printing one line each.
/// </summary>
internal static class FileCheck
{
    /// <summary>The parity and the reports; null (after an error line) when the file disagrees with the engine.</summary>
    public static (ExportParity Parity, IReadOnlyList<EvaluationReport> Reports)? Run(string modelPath, ModelScorer engine, LoadedDataset dataset, string what)
    {
        var validation = dataset.In(DataSplit.Validation).ToList();
        var engineScores = engine.Score(validation).Scored;
        using var onnx = OnnxClipScorer.Open(modelPath, null);
        var onnxScores = onnx.Score(validation);
        var parity = ExportParity.Compare(engineScores, onnxScores);
        Console.WriteLine(parity.Describe());
        if (!parity.Within(TrainJob.ParityTolerance))
        {
            Console.Error.WriteLine($"error: the exported {what} disagrees with the engine by more than {TrainJob.ParityTolerance:P1} accuracy on the validation split");
            return null;
        }

        var reports = new List<EvaluationReport> { EvaluationReport.From("validation (held-out speakers)", onnxScores, ClassLabels.All) };
        var test = dataset.In(DataSplit.Test).ToList();
        if (test.Count > 0)
        {
            reports.Add(EvaluationReport.From("test (held-out speakers)", onnx.Score(test), ClassLabels.All));
        }

        foreach (var r in reports)
        {
            Console.WriteLine($"{r.Split}: accuracy {r.Accuracy:P1}; recall {string.Join(", ", r.Recall.Select(kv => $"{kv.Key} {kv.Value:P1}"))}; negatives taken for a keyword {r.NegativesTakenForKeyword:P2}");
        }

        return (parity, reports);
    }
}
