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
        var checkpoint = new Option<string>("--checkpoint") { Description = "Folder with model.weights and checkpoint.json (what train writes)", Required = true };
        var output = new Option<string>("--out") { Description = "The ONNX file to write", Required = true };
        var thresholds = new Option<string?>("--thresholds") { Description = "Suggested detection thresholds to record in the model, e.g. yes=0.8,no=0.8" };
        var command = new Command("export", "Export a trained checkpoint as an ONNX model that carries the model contract (labels, front end, normalisation).")
        {
            checkpoint, output, thresholds,
        };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var (model, options, normalization) = Checkpoint.Load(parse.GetValue(checkpoint)!);
            var contract = new ModelContract
            {
                Labels = ClassLabels.All,
                FrontEnd = options.FrontEnd,
                Frames = options.Frames,
                Normalization = normalization,
                Thresholds = ParseThresholds(parse.GetValue(thresholds)),
            };
            var path = parse.GetValue(output)!;
            var description = $"DS-CNN {options.Width}x{options.Blocks}, {model.ParameterCount} parameters, seed {options.Seed}, trained by kws-trainer";
            OnnxExporter.Build(model, contract, description).Save(path);
            using var check = OnnxClipScorer.Open(path, null);
            Console.WriteLine($"Wrote {path} ({model.ParameterCount} parameters; labels {string.Join(',', check.Labels)}); ONNX Runtime loads it and its contract checks out");
            return 0;
        }));
        return command;
    }

    private static Dictionary<string, float> ParseThresholds(string? text)
    {
        var result = new Dictionary<string, float>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        foreach (var entry in text.Split(','))
        {
            var parts = entry.Split('=');
            if (parts.Length != 2 || !ClassLabels.All.Contains(parts[0]) || parts[0].StartsWith('_')
                || !float.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var t) || !(t > 0 && t <= 1))
            {
                throw new ArgumentException($"--thresholds entry '{entry}' is not KEYWORD=VALUE with a keyword (yes, no) and 0 < VALUE <= 1");
            }

            result[parts[0]] = t;
        }

        return result;
    }
}
