using System.CommandLine;

namespace Trainer.Cli;

/// <summary><c>kws-trainer ensemble</c>: several trained checkpoints as one model file whose output is their mean.</summary>
internal static class EnsembleCommand
{
    public static Command Create()
    {
        var members = new Option<string[]>("--member") { Description = "A member's checkpoint folder (what train writes); repeatable, at least two", Required = true, AllowMultipleArgumentsPerToken = false };
        var data = new Option<string[]>("--data") { Description = "The data the members were trained on (as train's --data), for the validation and test speakers", Required = true, AllowMultipleArgumentsPerToken = false };
        var noise = new Option<string?>("--noise") { Description = "Background-noise folder (default: _background_noise_ in or beside --data)" };
        var negatives = new Option<string[]>("--negatives") { Description = "Folder of negative recordings (repeatable), as given to train" };
        var output = new Option<string>("--out") { Description = "Folder for model.onnx, ensemble.json, report.json, report.html", Required = true };
        var command = new Command("ensemble",
            "Combine trained models into one ONNX file whose output is the mean of their probabilities; check it in ONNX Runtime and report on the held-out speakers.")
        {
            members, data, noise, negatives, output,
        };
        command.SetAction(parse => TrainerErrors.Guard(() =>
        {
            var list = parse.GetValue(members) ?? [];
            if (list.Length < 2)
            {
                throw new ArgumentException($"--member is given {list.Length} time(s); an ensemble needs at least two (export writes one model)");
            }

            return new EnsembleJob(list, parse.GetValue(data) ?? [], parse.GetValue(noise), parse.GetValue(negatives) ?? [], parse.GetValue(output)!).Run();
        }));
        return command;
    }
}
