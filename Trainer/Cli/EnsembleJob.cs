using System.Text.Json;
using Kws.Onnx.Contract;
using Trainer.Data;
using Trainer.Evaluation;
using Trainer.Export;
using Trainer.Report;
using Trainer.Training;

namespace Trainer.Cli;

/// <summary>
/// Puts trained models together as one file whose output is the mean of their probabilities (an ensemble): checks
/// that the members share the contract and the split, writes model.onnx and ensemble.json, checks in ONNX Runtime
/// that the file agrees with the engine's mean on the validation speakers, evaluates it on the test speakers, and
/// writes report.json and report.html, as <c>train</c> does for one model.
/// </summary>
/// <param name="members">The members' checkpoint folders.</param>
/// <param name="data">The data the members were trained on (for the validation and test speakers).</param>
/// <param name="noise">The background-noise folder, or null for the one in or beside the data.</param>
/// <param name="negatives">Folders of negative recordings.</param>
/// <param name="output">Where the ensemble goes.</param>
internal sealed class EnsembleJob(IReadOnlyList<string> members, IReadOnlyList<string> data, string? noise, IReadOnlyList<string> negatives, string output)
{
    public int Run()
    {
        var loaded = EnsembleCheckpoint.LoadMembers(members);
        var options = loaded[0].Options;
        var normalization = loaded[0].Normalization;
        var layout = DatasetLayout.Resolve(data, noise, [], negatives);
        var refs = DatasetScanner.Scan(layout, new SpeakerSplitter(options.ValidationPercent, options.TestPercent))
            .Where(r => r.Split != DataSplit.Train).ToList();
        Console.WriteLine($"Reading the validation and test speakers' {refs.Count} clips from {layout.DescribeRoots()} ...");
        var dataset = LoadedDataset.Load(refs, layout);
        if (options.HoldOutNoise)
        {
            dataset = HeldOutNoise.Apply(dataset, options.ValidationPercent, options.TestPercent, options.ClipSamples);
        }

        Directory.CreateDirectory(output);
        var contract = new ModelContract { Labels = ClassLabels.All, FrontEnd = options.FrontEnd, Frames = options.Frames, Normalization = normalization };
        var models = loaded.Select(m => m.Model).ToList();
        foreach (var model in models)
        {
            model.Build(new Trainer.Engine.SampleShape(1, options.Frames, options.FrontEnd.MelBins), options.BatchSize, options.ThreadsUsed());
        }

        var description = EnsembleCheckpoint.Describe(loaded);
        var modelPath = Path.Combine(output, "model.onnx");
        OnnxExporter.Build(models, contract, description).Save(modelPath);
        EnsembleCheckpoint.Save(output, members);
        Console.WriteLine($"Wrote {modelPath}: {description}");

        var featurizer = new Featurizer(options, dataset.Noise, options.ThreadsUsed()) { Normalization = normalization };
        if (FileCheck.Run(modelPath, new ModelScorer(models, featurizer, options.BatchSize), dataset, "ensemble") is not var (parity, reports))
        {
            return 1;
        }

        var curves = members.Select((m, i) => Curves(m, $"member {i + 1} ({ModelFactory.Name(loaded[i].Options)})", loaded[i].Options)).ToList();
        var summary = DataSummary.Describe(dataset);
        var sources = SourceCount.Of(dataset);
        File.WriteAllText(Path.Combine(output, "report.json"), JsonSerializer.Serialize(new
        {
            model = modelPath,
            members = members.Select((m, i) => new
            {
                checkpoint = Path.GetFullPath(m),
                network = ModelFactory.Name(loaded[i].Options),
                parameters = loaded[i].Model.ParameterCount,
                multiply_adds = ModelCost.MultiplyAdds(loaded[i].Model),
                options = loaded[i].Options,
            }),
            parameters = models.Sum(m => m.ParameterCount),
            multiply_adds = models.Sum(ModelCost.MultiplyAdds),
            data = summary,
            sources,
            skipped = dataset.Skipped,
            parity = parity.Describe(),
            evaluations = reports,
        }, EvaluationReport.JsonOptions));
        var examples = SpectrogramExamples.Pick(dataset, featurizer, options);
        File.WriteAllText(Path.Combine(output, "report.html"),
            HtmlReport.Build("kws-trainer report: an ensemble", [description, .. summary, parity.Describe()], sources, curves, reports, examples));
        Console.WriteLine($"Wrote {Path.Combine(output, "report.json")} and report.html");
        return 0;
    }

    /// <summary>A member's training curves, from the report.json its training wrote beside its checkpoint (none when it is missing).</summary>
    private static HtmlReport.TrainingCurves Curves(string folder, string name, TrainOptions options)
    {
        var path = Path.Combine(folder, "report.json");
        if (!File.Exists(path))
        {
            return new HtmlReport.TrainingCurves(name, [], 0, options.KeepLastEpoch);
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var history = doc.RootElement.TryGetProperty("history", out var h)
            ? h.Deserialize<List<EpochStats>>(EvaluationReport.JsonOptions) ?? []
            : [];
        var best = doc.RootElement.TryGetProperty("best_epoch", out var b) ? b.GetInt32() : 0;
        return new HtmlReport.TrainingCurves(name, history, best, options.KeepLastEpoch);
    }
}
