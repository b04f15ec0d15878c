using System.Text.Json;
using Kws.Audio.Features;
using Trainer.Data;
using Trainer.Engine.Models;
using Trainer.Evaluation;

namespace Trainer.Training;

/// <summary>
/// What <c>export</c> needs to rebuild a trained model without the data: the options it was trained with and the
/// feature normalisation (checkpoint.json), beside the engine weights (model.weights).
/// </summary>
internal sealed record Checkpoint(TrainOptions Options, string Normalization)
{
    public const string FileName = "checkpoint.json";
    public const string WeightsFileName = "model.weights";

    /// <summary>Writes checkpoint.json and model.weights into <paramref name="folder"/>.</summary>
    public static void Save(string folder, TrainOptions options, FeatureNormalization normalization, Sequential model)
    {
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(new Checkpoint(options, normalization.ToMetadata()), EvaluationReport.JsonOptions));
        model.Save(Path.Combine(folder, WeightsFileName));
    }

    /// <summary>Reads a checkpoint folder back into a built model in eval mode, with its options and normalisation.</summary>
    public static (Sequential Model, TrainOptions Options, FeatureNormalization Normalization) Load(string folder)
    {
        var json = Path.Combine(folder, FileName);
        var weights = Path.Combine(folder, WeightsFileName);
        foreach (var file in new[] { json, weights })
        {
            if (!File.Exists(file))
            {
                throw new DataException($"checkpoint folder '{folder}' has no {Path.GetFileName(file)} (train writes it)");
            }
        }

        var checkpoint = JsonSerializer.Deserialize<Checkpoint>(File.ReadAllText(json), EvaluationReport.JsonOptions)
            ?? throw new DataException($"{json} is empty");
        var options = checkpoint.Options ?? throw new DataException($"{json} has no options (train writes them)");
        if (checkpoint.Normalization is null)
        {
            throw new DataException($"{json} has no normalization (train writes it)");
        }

        var normalization = FeatureNormalization.TryParse(checkpoint.Normalization, out var problem)
            ?? throw new DataException($"{json}: normalization is malformed: {problem}");
        var model = ModelFactory.Create(options, WordClasses.Count(options.WordClasses));
        model.Build(new Trainer.Engine.SampleShape(1, options.Frames, options.FrontEnd.MelBins), 1, 1);
        model.Load(weights);
        model.Eval();
        return (model, options, normalization);
    }
}
