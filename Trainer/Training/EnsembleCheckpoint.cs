using System.Text.Json;
using Kws.Audio.Features;
using Trainer.Data;
using Trainer.Engine.Models;
using Trainer.Evaluation;

namespace Trainer.Training;

/// <summary>
/// An ensemble: the checkpoint folders of its members (each written by <c>train</c>), listed in
/// <see cref="FileName"/> with paths relative to the ensemble's own folder. The members must share what the file's
/// contract says once for all of them: front end, frames, feature normalisation, and the split they were trained
/// with; their networks may differ.
/// </summary>
internal sealed record EnsembleCheckpoint(IReadOnlyList<string> Members)
{
    public const string FileName = "ensemble.json";

    /// <summary>Whether <paramref name="folder"/> holds an ensemble rather than one model's checkpoint.</summary>
    public static bool IsEnsemble(string folder) => File.Exists(Path.Combine(folder, FileName));

    /// <summary>Writes the list of <paramref name="members"/> (made relative to <paramref name="folder"/>).</summary>
    public static void Save(string folder, IReadOnlyList<string> members) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(
            new EnsembleCheckpoint([.. members.Select(m => Path.GetRelativePath(Path.GetFullPath(folder), Path.GetFullPath(m)))]), EvaluationReport.JsonOptions));

    /// <summary>The member folders listed in <paramref name="folder"/>'s <see cref="FileName"/>, as full paths.</summary>
    public static IReadOnlyList<string> Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        EnsembleCheckpoint? read;
        try
        {
            read = JsonSerializer.Deserialize<EnsembleCheckpoint>(File.ReadAllText(path), EvaluationReport.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new DataException($"{path} is not an ensemble list: {e.Message}");
        }

        if (read?.Members is not { Count: > 0 } members)
        {
            throw new DataException($"{path} lists no members");
        }

        return [.. members.Select(m => Path.GetFullPath(Path.Combine(folder, m)))];
    }

    /// <summary>
    /// Loads every member (see <see cref="Checkpoint.Load"/>) and checks that they can share one contract; throws
    /// <see cref="DataException"/> naming the member and what differs.
    /// </summary>
    public static IReadOnlyList<(Sequential Model, TrainOptions Options, FeatureNormalization Normalization)> LoadMembers(IReadOnlyList<string> folders)
    {
        if (folders.Count == 0)
        {
            throw new DataException("an ensemble needs at least one member");
        }

        var members = folders.Select(Checkpoint.Load).ToList();
        var (_, first, norm) = members[0];
        for (var i = 1; i < members.Count; i++)
        {
            var (_, o, n) = members[i];
            var differs = o.FrontEnd != first.FrontEnd ? "front end"
                : o.Frames != first.Frames ? "frames"
                : n.ToMetadata() != norm.ToMetadata() ? $"feature normalisation ({n.ToMetadata()} against {norm.ToMetadata()}: trained on other data?)"
                : o.ValidationPercent != first.ValidationPercent || o.TestPercent != first.TestPercent ? "validation and test shares"
                : o.HoldOutNoise != first.HoldOutNoise ? "--hold-out-noise"
                : null;
            if (differs is not null)
            {
                throw new DataException($"ensemble member '{folders[i]}' differs from '{folders[0]}' in its {differs}; members must share the contract and the split");
            }
        }

        return members;
    }

    /// <summary>The ensemble's one-line description (its ONNX doc string).</summary>
    public static string Describe(IReadOnlyList<(Sequential Model, TrainOptions Options, FeatureNormalization Normalization)> members) =>
        members.Count == 1
            ? members[0].Options.DescribeModel(members[0].Model.ParameterCount)
            : $"mean of {members.Count} models: {string.Join("; ", members.Select(m => $"{ModelFactory.Name(m.Options)}, {m.Model.ParameterCount} parameters, seed {m.Options.Seed}"))}; trained by kws-trainer";
}
