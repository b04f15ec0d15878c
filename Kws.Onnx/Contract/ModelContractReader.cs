using System.Globalization;
using Kws.Audio.Features;

namespace Kws.Onnx.Contract;

/// <summary>Parses and validates the contract's metadata entries, naming the key and value of anything wrong.</summary>
internal static class ModelContractReader
{
    public static ModelContract Read(IReadOnlyDictionary<string, string> metadata, string model)
    {
        var missing = ModelContractKeys.Required.Where(k => !metadata.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new ModelContractException(
                $"model {model} lacks the metadata key{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(k => $"'{k}'"))}; " +
                "it was not written by kws-trainer with model contract version " + ModelContract.CurrentVersion);
        }

        var version = Int(metadata, ModelContractKeys.ContractVersion, model);
        if (version < 1 || version > ModelContract.CurrentVersion)
        {
            throw new ModelContractException(
                $"model {model}: '{ModelContractKeys.ContractVersion}' is {version}, but this program understands versions 1 to {ModelContract.CurrentVersion}");
        }

        var execution = Execution(metadata, version, model);

        var labels = metadata[ModelContractKeys.Labels].Split(',', StringSplitOptions.TrimEntries);
        if (labels.Length < 2 || labels.Any(string.IsNullOrEmpty) || labels.Distinct(StringComparer.Ordinal).Count() != labels.Length)
        {
            throw new ModelContractException(
                $"model {model}: '{ModelContractKeys.Labels}' is '{metadata[ModelContractKeys.Labels]}'; it needs two or more distinct, non-empty labels");
        }

        var frontEnd = new LogMelOptions
        {
            SampleRateHz = Int(metadata, ModelContractKeys.SampleRateHz, model),
            WindowMs = Num(metadata, ModelContractKeys.WindowMs, model),
            HopMs = Num(metadata, ModelContractKeys.HopMs, model),
            FftSize = Int(metadata, ModelContractKeys.FftSize, model),
            MelBins = Int(metadata, ModelContractKeys.MelBins, model),
            FminHz = Num(metadata, ModelContractKeys.FminHz, model),
            FmaxHz = Num(metadata, ModelContractKeys.FmaxHz, model),
            LogFloor = Num(metadata, ModelContractKeys.LogFloor, model),
        };
        var problems = frontEnd.Problems();
        if (problems.Count > 0)
        {
            throw new ModelContractException($"model {model}: its front-end metadata is invalid: {string.Join("; ", problems)}");
        }

        var frames = Int(metadata, ModelContractKeys.Frames, model);
        if (frames < 1)
        {
            throw new ModelContractException($"model {model}: '{ModelContractKeys.Frames}' is {frames}; it must be at least 1");
        }

        var norm = FeatureNormalization.TryParse(metadata[ModelContractKeys.FeatureNormalization], out var normProblem)
            ?? throw new ModelContractException($"model {model}: '{ModelContractKeys.FeatureNormalization}' is malformed: {normProblem}");

        return new ModelContract
        {
            Labels = labels,
            FrontEnd = frontEnd,
            Frames = frames,
            Normalization = norm,
            Thresholds = Thresholds(metadata, labels, model),
            Execution = execution,
        };
    }

    private static ModelExecution Execution(IReadOnlyDictionary<string, string> metadata, int version, string model)
    {
        var value = metadata.GetValueOrDefault(ModelContractKeys.Execution, "window");
        var execution = value switch
        {
            "window" => ModelExecution.Window,
            "streaming" => ModelExecution.Streaming,
            _ => throw new ModelContractException($"model {model}: '{ModelContractKeys.Execution}' is '{value}'; it must be 'window' or 'streaming'"),
        };
        if (execution == ModelExecution.Streaming && version < 2)
        {
            throw new ModelContractException($"model {model}: a streaming model needs '{ModelContractKeys.ContractVersion}' 2, but it is {version}");
        }

        return execution;
    }

    private static Dictionary<string, float> Thresholds(IReadOnlyDictionary<string, string> metadata, string[] labels, string model) =>
        ThresholdList.TryParse(metadata.GetValueOrDefault(ModelContractKeys.Thresholds, ""), labels, out var thresholds, out var bad)
            ? thresholds
            : throw new ModelContractException(
                $"model {model}: '{ModelContractKeys.Thresholds}' entry '{bad}' is not LABEL=VALUE with a known label and 0 < VALUE <= 1");

    private static int Int(IReadOnlyDictionary<string, string> metadata, string key, string model) =>
        int.TryParse(metadata[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ModelContractException($"model {model}: '{key}' is '{metadata[key]}'; it must be a whole number");

    private static double Num(IReadOnlyDictionary<string, string> metadata, string key, string model) =>
        double.TryParse(metadata[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new ModelContractException($"model {model}: '{key}' is '{metadata[key]}'; it must be a number");
}
