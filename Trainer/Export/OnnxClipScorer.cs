using Kws.Onnx.Inference;
using Trainer.Data;
using Trainer.Evaluation;
using Trainer.Training;

namespace Trainer.Export;

/// <summary>
/// Scores clips with a model file through ONNX Runtime, computing features with the front end and normalisation the
/// file's own contract names (not the trainer's settings), exactly as the service will.
/// </summary>
internal sealed class OnnxClipScorer : IDisposable
{
    private readonly KeywordClassifier _classifier;
    private readonly Featurizer _featurizer;

    private OnnxClipScorer(KeywordClassifier classifier)
    {
        _classifier = classifier;
        var contract = classifier.Contract;
        _featurizer = new Featurizer(new TrainOptions { FrontEnd = contract.FrontEnd, Frames = contract.Frames }, [], 1)
        {
            Normalization = contract.Normalization,
        };
    }

    /// <summary>The labels of the model's output.</summary>
    public IReadOnlyList<string> Labels => _classifier.Contract.Labels;

    /// <summary>Samples one clip must have.</summary>
    public int ClipSamples => _classifier.Contract.SamplesPerInput;

    /// <summary>
    /// Opens <paramref name="modelPath"/> (contract checked; see <see cref="KeywordClassifier.Open"/>). The clips' truth
    /// is the trainer's class index and they are read at 16 kHz, so a model with other labels, in another order, or at
    /// another rate is refused rather than scored against the wrong columns.
    /// </summary>
    public static OnnxClipScorer Open(string modelPath, string? runtimeLibrary)
    {
        var classifier = KeywordClassifier.Open(modelPath, new Kws.Onnx.Runtime.OnnxSessionOptions { IntraOpThreads = 1 }, runtimeLibrary);
        var contract = classifier.Contract;
        string? problem = !contract.Labels.SequenceEqual(ClassLabels.All)
            ? $"its labels are {string.Join(",", contract.Labels)}; evaluate scores models labelled {string.Join(",", ClassLabels.All)}, in that order"
            : contract.FrontEnd.SampleRateHz != 16000
                ? $"it takes {contract.FrontEnd.SampleRateHz} Hz audio; evaluate reads clips at 16000 Hz"
                : null;
        if (problem is not null)
        {
            classifier.Dispose();
            throw new Kws.Onnx.Contract.ModelContractException($"model {modelPath}: {problem}");
        }

        return new OnnxClipScorer(classifier);
    }

    /// <summary>The model's probabilities for each clip, whose class index is taken as the truth.</summary>
    public IReadOnlyList<ScoredClip> Score(IReadOnlyList<Clip> clips, Action<int, int>? progress = null)
    {
        var scored = new List<ScoredClip>(clips.Count);
        for (var i = 0; i < clips.Count; i++)
        {
            _featurizer.Featurize(new Example(clips[i], clips[i].Ref.ClassIndex), _classifier.Input);
            _classifier.Run();
            scored.Add(new ScoredClip(clips[i].Ref.ClassIndex, _classifier.Scores.ToArray(), clips[i].Ref.Path));
            progress?.Invoke(i + 1, clips.Count);
        }

        return scored;
    }

    /// <inheritdoc />
    public void Dispose() => _classifier.Dispose();
}
