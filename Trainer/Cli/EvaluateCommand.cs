using System.CommandLine;
using Spectre.Console;
using Trainer.Data;
using Trainer.Evaluation;
using Trainer.Export;

namespace Trainer.Cli;

/// <summary><c>kws-trainer evaluate</c>: a model file on a folder of clips, through ONNX Runtime: accuracy, recall, confusion matrix.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The ONNX model to evaluate", Required = true };
        var data = new Option<string[]>("--data") { Description = "Speech Commands-layout folder (repeatable), or a folder holding the shared data's layout folders (speech_commands/, mini_speech_commands/, more_words/: every one there is read)", Required = true, AllowMultipleArgumentsPerToken = false };
        var split = new Option<string>("--split") { Description = "Which speakers: all, train, validation or test (by speaker hash, as in train)", DefaultValueFactory = _ => "all" };
        var negatives = new Option<string[]>("--negatives") { Description = "Folder of negative recordings to add (repeatable)" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var output = new Option<string?>("--out") { Description = "Also write the JSON report to this file" };
        var listErrors = new Option<bool>("--list-errors") { Description = "Also list every clip the model gets wrong, with its probabilities" };
        var holdOutNoise = new Option<bool>("--hold-out-noise") { Description = "Silence from the split's part of the background noise instead of the data set's _silence_ clips (as train --hold-out-noise)" };
        var command = new Command("evaluate", "Evaluate a model file on a folder of one-second clips: accuracy, per-class recall, confusion matrix, keyword trade-off.")
        {
            model, data, split, negatives, json, output, listErrors, holdOutNoise,
        };
        command.SetAction(parse => TrainerErrors.Guard(() =>
        {
            var which = parse.GetValue(split)!;
            DataSplit? only = which switch
            {
                "all" => null,
                "train" => DataSplit.Train,
                "validation" => DataSplit.Validation,
                "test" => DataSplit.Test,
                _ => throw new ArgumentException($"--split is '{which}'; use all, train, validation or test"),
            };
            // The model first: a broken or mismatched file is reported before minutes of reading clips.
            using var scorer = OnnxClipScorer.Open(parse.GetValue(model)!, null);
            var layout = DatasetLayout.Resolve(parse.GetValue(data) ?? [], null, [], parse.GetValue(negatives) ?? []);
            var defaults = new Training.TrainOptions();
            var refs = DatasetScanner.Scan(layout, new SpeakerSplitter(defaults.ValidationPercent, defaults.TestPercent))
                .Where(r => only is null || r.Split == only).ToList();
            var quiet = parse.GetValue(json);
            var heldOut = parse.GetValue(holdOutNoise);
            var dataset = LoadedDataset.Load(refs, heldOut ? layout : layout with { Noise = null }, quiet ? null : (done, total) => Console.Error.Write($"\r{done}/{total} clips read"));
            if (!quiet)
            {
                Console.Error.WriteLine();
            }

            if (heldOut)
            {
                // The training part has no silence clips of its own then (training cuts them from its noise).
                dataset = HeldOutNoise.Apply(dataset, defaults.ValidationPercent, defaults.TestPercent, defaults.ClipSamples);
                dataset = dataset.With(dataset.Clips.Where(c => only is null || c.Ref.Split == only).ToList(), dataset.Noise);
            }

            foreach (var skipped in dataset.Skipped)
            {
                Console.Error.WriteLine($"skipped {skipped}");
            }

            var scored = scorer.Score(dataset.Clips, quiet ? null : (done, total) => { if (done % 100 == 0 || done == total) { Console.Error.Write($"\r{done}/{total} clips scored"); } });
            if (!quiet)
            {
                Console.Error.WriteLine();
            }

            var report = EvaluationReport.From(which, scored, scorer.Labels);
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, report.ToJson());
            }

            if (quiet)
            {
                Console.WriteLine(report.ToJson());
            }
            else
            {
                Print(report);
            }

            if (parse.GetValue(listErrors))
            {
                PrintErrors(scored, scorer.Labels, quiet ? Console.Error : Console.Out);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>One line per wrongly classified clip: the file, truth → prediction, every class's probability.</summary>
    private static void PrintErrors(IReadOnlyList<ScoredClip> scored, IReadOnlyList<string> labels, TextWriter writer)
    {
        var errors = scored.Where(s => s.Predicted != s.Truth).OrderBy(s => s.Truth).ThenBy(s => s.Path, StringComparer.Ordinal).ToList();
        writer.WriteLine($"{errors.Count} clips wrong:");
        foreach (var s in errors)
        {
            var probabilities = string.Join(", ", labels.Select((l, i) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{l} {s.Scores[i]:F3}")));
            writer.WriteLine($"  {s.Path}: {labels[s.Truth]} -> {labels[s.Predicted]} ({probabilities})");
        }
    }

    private static void Print(EvaluationReport report)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(report.Split)}[/]: {report.Clips} clips, accuracy {report.Accuracy:P1}, silence/unknown taken for a keyword {report.NegativesTakenForKeyword:P2} ({report.NegativesTakenForKeywordInterval})");
        var table = new Table().AddColumn("true \\ predicted");
        foreach (var label in report.Labels)
        {
            table.AddColumn(Markup.Escape(label));
        }

        table.AddColumn("recall");
        table.AddColumn("95% interval");
        for (var t = 0; t < report.Labels.Count; t++)
        {
            var cells = new List<string> { Markup.Escape(report.Labels[t]) };
            cells.AddRange(report.Confusion[t].Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            cells.Add($"{report.Recall[report.Labels[t]]:P1}");
            cells.Add(report.RecallInterval[report.Labels[t]].ToString());
            table.AddRow(cells.ToArray());
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("95% interval: Wilson score interval of the share, from the number of clips it rests on.");
        AnsiConsole.MarkupLine(Markup.Escape(report.SpeakerSummary));
    }
}
