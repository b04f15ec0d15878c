using System.Globalization;
using Kws.Audio.Features;

namespace Kws.Onnx.Contract;

/// <summary>
/// The one contract between trainer and service, carried in the model file's metadata: the labels in output order,
/// the front-end parameters, frames per input and the feature normalisation. The model has one float input of shape
/// [N, 1, Frames, MelBins] (N may be symbolic) and one float output of shape [N, Labels.Count] holding probabilities;
/// a streaming model (<see cref="Execution"/>) takes the new frames only and carries state tensors besides.
/// </summary>
public sealed record ModelContract
{
    /// <summary>The newest contract version this code writes and understands (1: whole-window models; 2 adds streaming ones).</summary>
    public const int CurrentVersion = 2;

    /// <summary>A streaming model's output that holds the next value of a state input is the input's name and this.</summary>
    public const string NextStateSuffix = "_next";

    /// <summary>Class labels in the order of the model's output; keywords are those not starting with '_'.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>The front end the model was trained with.</summary>
    public required LogMelOptions FrontEnd { get; init; }

    /// <summary>Frames per model input.</summary>
    public required int Frames { get; init; }

    /// <summary>Normalisation applied to the features before the model.</summary>
    public required FeatureNormalization Normalization { get; init; }

    /// <summary>Suggested detection threshold per keyword, when the trainer measured one; empty otherwise.</summary>
    public IReadOnlyDictionary<string, float> Thresholds { get; init; } = new Dictionary<string, float>();

    /// <summary>How the model runs: on the whole window each time, or on the new frames with state.</summary>
    public ModelExecution Execution { get; init; } = ModelExecution.Window;

    /// <summary>The keywords: labels that do not start with '_'.</summary>
    public IEnumerable<string> Keywords => Labels.Where(l => !l.StartsWith('_'));

    /// <summary>The input shape for a batch of <paramref name="batch"/> examples.</summary>
    public long[] InputShape(long batch = 1) => [batch, 1, Frames, FrontEnd.MelBins];

    /// <summary>Audio samples one model input spans.</summary>
    public int SamplesPerInput => FrontEnd.WindowSamples + ((Frames - 1) * FrontEnd.HopSamples);

    /// <summary>The metadata entries that describe this contract.</summary>
    public IReadOnlyDictionary<string, string> ToMetadata()
    {
        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var metadata = new Dictionary<string, string>
        {
            // Version 1 for whole-window models, so services from before streaming still load them.
            [ModelContractKeys.ContractVersion] = (Execution == ModelExecution.Streaming ? 2 : 1).ToString(CultureInfo.InvariantCulture),
            [ModelContractKeys.Labels] = string.Join(',', Labels),
            [ModelContractKeys.SampleRateHz] = FrontEnd.SampleRateHz.ToString(CultureInfo.InvariantCulture),
            [ModelContractKeys.WindowMs] = F(FrontEnd.WindowMs),
            [ModelContractKeys.HopMs] = F(FrontEnd.HopMs),
            [ModelContractKeys.FftSize] = FrontEnd.FftSize.ToString(CultureInfo.InvariantCulture),
            [ModelContractKeys.MelBins] = FrontEnd.MelBins.ToString(CultureInfo.InvariantCulture),
            [ModelContractKeys.FminHz] = F(FrontEnd.FminHz),
            [ModelContractKeys.FmaxHz] = F(FrontEnd.FmaxHz),
            [ModelContractKeys.LogFloor] = F(FrontEnd.LogFloor),
            [ModelContractKeys.Frames] = Frames.ToString(CultureInfo.InvariantCulture),
            [ModelContractKeys.FeatureNormalization] = Normalization.ToMetadata(),
        };
        if (Execution == ModelExecution.Streaming)
        {
            metadata[ModelContractKeys.Execution] = "streaming";
        }

        if (Thresholds.Count > 0)
        {
            // As float, the thresholds' own type: 0.78f widened to double would be written 0.7799999713897705.
            metadata[ModelContractKeys.Thresholds] = string.Join(',', Thresholds.Select(t => $"{t.Key}={t.Value.ToString("R", CultureInfo.InvariantCulture)}"));
        }

        return metadata;
    }

    /// <summary>
    /// Reads the contract from a model's metadata. Throws <see cref="ModelContractException"/> naming
    /// <paramref name="modelName"/>, the key and the value when a key is missing or malformed.
    /// </summary>
    public static ModelContract FromMetadata(IReadOnlyDictionary<string, string> metadata, string modelName) =>
        ModelContractReader.Read(metadata, modelName);

    /// <summary>
    /// Checks the model's tensors against the contract: one input of shape [N, 1, Frames, MelBins] and one output of
    /// shape [N, Labels.Count] (N may be dynamic, given as -1). Throws <see cref="ModelContractException"/> naming the
    /// tensor, the key and both values on a mismatch.
    /// </summary>
    public void CheckTensors(string modelName, string inputName, IReadOnlyList<long> inputShape, string outputName, IReadOnlyList<long> outputShape)
    {
        static string Show(IReadOnlyList<long> s) => "[" + string.Join(",", s.Select(d => d < 0 ? "N" : d.ToString(CultureInfo.InvariantCulture))) + "]";
        var expectedIn = $"[N,1,{Frames},{FrontEnd.MelBins}]";
        if (inputShape.Count != 4)
        {
            throw new ModelContractException($"model {modelName}: input '{inputName}' has shape {Show(inputShape)} ({inputShape.Count} dimensions); the contract expects {expectedIn}");
        }

        CheckDim(modelName, inputName, inputShape, 1, 1, "channels", "the contract (always 1)", expectedIn);
        CheckDim(modelName, inputName, inputShape, 2, Frames, "frames", $"'{ModelContractKeys.Frames}'", expectedIn);
        CheckDim(modelName, inputName, inputShape, 3, FrontEnd.MelBins, "mel bins", $"'{ModelContractKeys.MelBins}'", expectedIn);
        if (outputShape.Count != 2)
        {
            throw new ModelContractException($"model {modelName}: output '{outputName}' has shape {Show(outputShape)}; the contract expects [N,{Labels.Count}] (one score per label)");
        }

        CheckDim(modelName, outputName, outputShape, 1, Labels.Count, "scores", $"'{ModelContractKeys.Labels}' ({string.Join(',', Labels)})", $"[N,{Labels.Count}]");
    }

    private static void CheckDim(string model, string tensor, IReadOnlyList<long> shape, int axis, int expected, string what, string source, string expectedShape)
    {
        if (shape[axis] != expected)
        {
            var actual = shape[axis] < 0 ? "a dynamic number of" : shape[axis].ToString(CultureInfo.InvariantCulture);
            throw new ModelContractException(
                $"model {model}: tensor '{tensor}' has {actual} {what} (axis {axis}), but {source} says {expected}; expected shape {expectedShape}");
        }
    }
}
