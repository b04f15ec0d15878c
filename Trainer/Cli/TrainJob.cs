using System.Text.Json;
using Kws.Onnx.Contract;
using Spectre.Console;
using Trainer.Data;
using Trainer.Evaluation;
using Trainer.Export;
using Trainer.Report;
using Trainer.Training;

namespace Trainer.Cli;

/// <summary>
/// One training job from folders to files: read the data, train, export model.onnx with the contract, check in ONNX
/// Runtime that the file agrees with the engine on the validation speakers (within 0.1% accuracy), evaluate the file
/// on the test speakers, and write report.json and report.html.
/// </summary>
/// <param name="data">The Speech Commands-layout folders (or folders holding them, see <see cref="DatasetLayout"/>).</param>
/// <param name="noise">The background-noise folder, or null for the one in or beside <paramref name="data"/>.</param>
/// <param name="extra">Extra training-only folders (synthetic speech, say).</param>
/// <param name="negatives">Folders of negative recordings.</param>
/// <param name="output">Where the model, checkpoint and report go.</param>
/// <param name="options">The training options.</param>
/// <param name="wordClasses">Train the named negative words as classes of their own (see <see cref="WordClasses"/>).</param>
internal sealed class TrainJob(IReadOnlyList<string> data, string? noise, IReadOnlyList<string> extra, IReadOnlyList<string> negatives, string output, TrainOptions options,
    bool wordClasses = false)
{
    /// <summary>Largest accuracy difference allowed between the engine and ONNX Runtime on the validation split.</summary>
    public const double ParityTolerance = 0.001;

    public int Run()
    {
        // The gradient sums are split into one chunk per thread, so the thread count is part of what reproduces a
        // run: the checkpoint records the count used, not 0 for "all cores".
        options = options with { Threads = options.ThreadsUsed() };
        var layout = DatasetLayout.Resolve(data, noise, extra, negatives);
        var splitter = new SpeakerSplitter(options.ValidationPercent, options.TestPercent);
        var refs = HeldOutSpeakers.ExcludeFromExtra(DatasetScanner.Scan(layout, splitter), out var heldOutExtra);
        if (heldOutExtra.Count > 0)
        {
            Console.WriteLine($"Left out {heldOutExtra.Count} clips of the extra folders: their speakers are validation or test speakers of {layout.DescribeRoots()} " +
                $"(first: {heldOutExtra[0].Path})");
        }

        Console.WriteLine($"Reading {refs.Count} clips from {layout.DescribeRoots()}{(layout.Negatives.Count + layout.ExtraTraining.Count > 0 ? " and extra folders" : "")} ...");
        var dataset = LoadedDataset.Load(refs, layout, (done, total) => Console.Write($"\r  {done}/{total} clips read"));
        Console.WriteLine();
        foreach (var skipped in dataset.Skipped)
        {
            Console.WriteLine($"  skipped {skipped}");
        }

        if (options.HoldOutNoise)
        {
            dataset = HeldOutNoise.Apply(dataset, options.ValidationPercent, options.TestPercent, options.ClipSamples);
            Console.WriteLine($"Noise held out by time: training mixes the first {100 - options.ValidationPercent - options.TestPercent}% of each recording; " +
                $"the data set's silence clips are left out; {HeldOutNoise.SilenceClipsPerSplit} silence clips each for validation and test are cut from their parts");
        }

        var summary = DataSummary.Describe(dataset);
        var sources = SourceCount.Of(dataset);
        foreach (var line in summary.Concat(DataSummary.SourceTable(sources)))
        {
            Console.WriteLine(line);
        }

        if (wordClasses)
        {
            options = options with { WordClasses = WordClasses.Find(dataset.In(DataSplit.Train)) };
        }

        Directory.CreateDirectory(output);
        var result = TrainWithProgress(dataset);

        var contract = new ModelContract
        {
            Labels = ClassLabels.All,
            FrontEnd = options.FrontEnd,
            Frames = options.Frames,
            Normalization = result.Normalization,
        };
        var modelPath = Path.Combine(output, "model.onnx");
        var description = options.DescribeModel(result.Model.ParameterCount);
        OnnxExporter.Build(result.Model, contract, description).Save(modelPath);
        Checkpoint.Save(output, options, result.Normalization, result.Model);
        Console.WriteLine($"Wrote {modelPath}");

        if (FileCheck.Run(modelPath, new ModelScorer(result.Model, result.Featurizer, options.BatchSize), dataset, "model") is not var (parity, reports))
        {
            return 1;
        }

        File.WriteAllText(Path.Combine(output, "report.json"), JsonSerializer.Serialize(new
        {
            model = modelPath,
            parameters = result.Model.ParameterCount,
            multiply_adds = ModelCost.MultiplyAdds(result.Model),
            best_epoch = result.BestEpoch,
            options,
            data = summary,
            sources,
            skipped = dataset.Skipped,
            parity = parity.Describe(),
            history = result.History,
            evaluations = reports,
        }, EvaluationReport.JsonOptions));
        var examples = SpectrogramExamples.Pick(dataset, result.Featurizer, options);
        File.WriteAllText(Path.Combine(output, "report.html"),
            HtmlReport.Build("kws-trainer report", [.. summary, description, parity.Describe()], sources,
                [new HtmlReport.TrainingCurves("", result.History, result.BestEpoch, options.KeepLastEpoch)], reports, examples));
        Console.WriteLine($"Wrote {Path.Combine(output, "report.json")} and report.html");
        return 0;
    }

    private TrainingResult TrainWithProgress(LoadedDataset dataset)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return new TrainingRun(options, Console.WriteLine).Run(dataset);
        }

        TrainingResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("training");
                result = new TrainingRun(options, line => AnsiConsole.MarkupLine(Markup.Escape(line)), (step, total) =>
                {
                    task.MaxValue = total;
                    task.Value = step;
                }).Run(dataset);
            });
        return result!;
    }
}
