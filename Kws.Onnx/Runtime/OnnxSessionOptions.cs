namespace Kws.Onnx.Runtime;

/// <summary>How a session runs: threads, graph optimization and execution provider.</summary>
public sealed record OnnxSessionOptions
{
    /// <summary>Threads used inside one operator; 0 lets ONNX Runtime choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads used to run independent operators in parallel; 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>How far ONNX Runtime rewrites the graph on load.</summary>
    public OnnxGraphOptimization Optimization { get; init; } = OnnxGraphOptimization.All;

    /// <summary>
    /// "cpu" (the default: nothing to add), "cuda" (the CUDA provider on <see cref="DeviceId"/>), or any other
    /// ONNX Runtime provider name (e.g. "XNNPACK"), added with its default options.
    /// </summary>
    public string ExecutionProvider { get; init; } = "cpu";

    /// <summary>The GPU for the CUDA provider.</summary>
    public int DeviceId { get; init; }

    /// <summary>
    /// Symbolic input dimensions fixed to a size for this session (e.g. a streaming model's "T" to the frames of one
    /// hop), so that ONNX Runtime plans memory and shapes once instead of every run.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, long>> FreeDimensions { get; init; } = [];
}
