using Kws.Onnx.Format;

namespace TestSupport;

/// <summary>
/// Writes a tiny model with the contract's input shape and any metadata: the mean of the input times one weight per
/// label (1, 2, ...), softmax. Simple enough to compute in a test, and a way to give a file labels, frames or a front
/// end that the trainer would never write.
/// </summary>
public static class TinyContractModel
{
    /// <summary>Writes the model into <paramref name="dir"/> and returns its path.</summary>
    /// <param name="dir">The folder.</param>
    /// <param name="frames">Input frames (the contract's <c>kws.frames</c> should agree, unless a test wants it not to).</param>
    /// <param name="labels">How many scores the model puts out.</param>
    /// <param name="metadata">The metadata, e.g. a contract's <c>ToMetadata()</c>.</param>
    public static string Write(string dir, int frames, int labels, IReadOnlyDictionary<string, string> metadata)
    {
        var graph = new OnnxGraph("tiny");
        var x = graph.AddInput("features", OnnxElementType.Float, "N", 1, frames, 40);
        var pooled = graph.Flatten("flat", graph.GlobalAveragePool("gap", x));
        var weights = Enumerable.Range(1, labels).Select(i => (float)i).ToArray();
        var logits = graph.Gemm("logits", pooled, graph.AddInitializer("w", weights, labels, 1), null, transB: true);
        graph.Softmax("scores", logits, 1);
        graph.AddOutput("scores", OnnxElementType.Float, "N", labels);
        var model = new OnnxModel(graph);
        foreach (var (k, v) in metadata)
        {
            model.Metadata[k] = v;
        }

        var path = Path.Combine(dir, $"m{frames}x{labels}-{metadata.Count}-{Guid.NewGuid():N}.onnx");
        model.Save(path);
        return path;
    }
}
