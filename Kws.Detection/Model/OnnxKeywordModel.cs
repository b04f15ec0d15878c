using Kws.Detection.Pipeline;
using Kws.Onnx.Contract;
using Kws.Onnx.Inference;

namespace Kws.Detection.Model;

/// <summary><see cref="IKeywordModel"/> over ONNX Runtime: the shared <see cref="KeywordClassifier"/>, contract checked at open.</summary>
public sealed class OnnxKeywordModel(KeywordClassifier classifier) : IKeywordModel
{
    /// <summary>The contract of the loaded file (labels, front end, normalisation, suggested thresholds).</summary>
    public ModelContract Contract => classifier.Contract;

    /// <summary>The loaded file.</summary>
    public string ModelPath => classifier.ModelPath;

    /// <inheritdoc />
    public IReadOnlyList<string> Labels => classifier.Contract.Labels;

    /// <inheritdoc />
    public Span<float> Input => classifier.Input;

    /// <inheritdoc />
    public ReadOnlySpan<float> Scores => classifier.Scores;

    /// <inheritdoc />
    public void Run(int newFrames) => classifier.Run(newFrames);

    /// <summary>Readies runs on <paramref name="frames"/> new frames (see <see cref="KeywordClassifier.PrepareStep"/>).</summary>
    public void PrepareStep(int frames) => classifier.PrepareStep(frames);

    /// <summary>Whether the file is a streaming model (computes the new frames only).</summary>
    public bool IsStreaming => classifier.IsStreaming;

    /// <inheritdoc />
    public void Dispose() => classifier.Dispose();
}
