using System.CommandLine;
using Kws.Onnx.Contract;
using Trainer.Data;
using Trainer.Export;
using Trainer.Training;

namespace Trainer.Cli;

/// <summary><c>kws-trainer export</c>: writes the ONNX model of a checkpoint folder (model.weights + checkpoint.json).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "Folder with model.weights and checkpoint.json (what train writes), or with ensemble.json (what ensemble writes)", Required = true };
        var output = new Option<string>("--out") { Description = "The ONNX file to write", Required = true };
        var thresholds = new Option<string?>("--thresholds") { Description = "Suggested detection thresholds to record in the model, e.g. yes=0.8,no=0.8" };
        var streaming = new Option<bool>("--streaming") { Description = "Write a streaming model: it takes the new frames of each hop and carries state (streamable networks only: matchboxnet-stream, dscnn-stream)" };
        var command = new Command("export", "Export a trained checkpoint as an ONNX model that carries the model contract (labels, front end, normalisation).")
        {
            checkpoint, output, thresholds, streaming,
        };
        command.SetAction(parse => TrainerErrors.Guard(() =>
        {
            var folder = parse.GetValue(checkpoint)!;
            var members = EnsembleCheckpoint.LoadMembers(EnsembleCheckpoint.IsEnsemble(folder) ? EnsembleCheckpoint.Read(folder) : [folder]);
            var (_, options, normalization) = members[0];
            var models = members.Select(m => m.Model).ToList();
            var contract = new ModelContract
            {
                Labels = ClassLabels.All,
                FrontEnd = options.FrontEnd,
                Frames = options.Frames,
                Normalization = normalization,
                Thresholds = ParseThresholds(parse.GetValue(thresholds)),
                Execution = parse.GetValue(streaming) ? ModelExecution.Streaming : ModelExecution.Window,
            };
            var path = parse.GetValue(output)!;
            try
            {
                OnnxExporter.Build(models, contract, EnsembleCheckpoint.Describe(members)).Save(path);
            }
            catch (NotSupportedException e)
            {
                throw new ArgumentException($"--streaming: checkpoint {folder}: {e.Message}", e);
            }

            using var check = OnnxClipScorer.Open(path, null);
            if (contract.Execution == ModelExecution.Streaming)
            {
                var windowPath = Path.Combine(Path.GetTempPath(), $"kws-window-{Environment.ProcessId}.onnx");
                try
                {
                    OnnxExporter.Build(models, contract with { Execution = ModelExecution.Window }, "parity check").Save(windowPath);
                    var difference = StreamingParity.LargestDifference(path, windowPath);
                    Console.WriteLine($"Streaming parity: over 200 hops (5 new frames, 8 after a pause, a restart every 50) the largest probability difference from the whole-window model is {difference:E2}");
                    if (difference > 1e-4)
                    {
                        throw new ArgumentException($"the streaming file {path} differs from its whole-window model by {difference:E2} (more than 1e-4)");
                    }
                }
                finally
                {
                    File.Delete(windowPath);
                }
            }

            var perSecond = models.Sum(m => ModelCost.MultiplyAddsPerSecond(m, contract.Execution == ModelExecution.Streaming));
            Console.WriteLine($"Cost: {models.Sum(ModelCost.MultiplyAdds) / 1e6:0.00} M multiply-adds per whole-window inference; {perSecond / 1e6:0.00} M per second of audio at 50 ms hops{(contract.Execution == ModelExecution.Streaming ? " (streaming: the new frames only)" : "")}");
            Console.WriteLine($"Wrote {path} ({(contract.Execution == ModelExecution.Streaming ? "streaming, " : "")}{models.Sum(m => m.ParameterCount)} parameters{(models.Count > 1 ? $", the mean of {models.Count} models" : "")}; labels {string.Join(',', check.Labels)}); ONNX Runtime loads it and its contract checks out");
            return 0;
        }));
        return command;
    }

    private static Dictionary<string, float> ParseThresholds(string? text) =>
        ThresholdList.TryParse(text ?? "", ClassLabels.All.Where(l => !l.StartsWith('_')).ToList(), out var thresholds, out var bad)
            ? thresholds
            : throw new ArgumentException($"--thresholds entry '{bad}' is not KEYWORD=VALUE with a keyword (yes, no) and 0 < VALUE <= 1");
}
