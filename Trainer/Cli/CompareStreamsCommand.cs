using System.CommandLine;
using System.Globalization;
using Trainer.StreamEval;

namespace Trainer.Cli;

/// <summary><c>kws-trainer compare-streams</c>: several stream evaluations side by side, as a Markdown table and one DET picture.</summary>
internal static class CompareStreamsCommand
{
    public static Command Create()
    {
        var runs = new Option<string[]>("--run") { Description = "NAME=PATH of a metrics.json (evaluate-stream or evaluate-speech); repeatable, in table order", Required = true, AllowMultipleArgumentsPerToken = false };
        var budgets = new Option<double[]>("--budget") { Description = "False alarms per hour (all keywords) for the 'best single threshold' columns (repeatable)", DefaultValueFactory = _ => [0.5, 1] };
        var title = new Option<string>("--title") { Description = "Title of the picture", DefaultValueFactory = _ => "Detection error trade-off" };
        var output = new Option<string>("--out") { Description = "Folder for comparison.md and det.svg", Required = true };
        var command = new Command("compare-streams", "Put several models' stream evaluations side by side: a Markdown table and one DET picture.")
        {
            runs, budgets, title, output,
        };
        command.SetAction(parse => TrainerErrors.Guard(() =>
        {
            var read = (parse.GetValue(runs) ?? []).Select(r =>
            {
                var cut = r.IndexOf('=', StringComparison.Ordinal);
                return cut > 0 ? StreamComparison.Read(r[..cut], r[(cut + 1)..]) : throw new ArgumentException($"--run is '{r}'; give NAME=PATH");
            }).ToList();
            var folder = parse.GetValue(output)!;
            Directory.CreateDirectory(folder);
            var table = StreamComparison.Table(read, parse.GetValue(budgets) ?? [0.5, 1]);
            File.WriteAllText(Path.Combine(folder, "comparison.md"), table);
            File.WriteAllText(Path.Combine(folder, "det.svg"), StreamComparison.Det(read, parse.GetValue(title)!));
            Console.Write(table);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {Path.Combine(folder, "comparison.md")} and det.svg"));
            return 0;
        }));
        return command;
    }
}
