namespace Kws.Onnx.Runtime;

/// <summary>How far ONNX Runtime rewrites the graph when it loads a model (GraphOptimizationLevel).</summary>
public enum OnnxGraphOptimization
{
    /// <summary>No rewrites.</summary>
    None = 0,

    /// <summary>Semantics-preserving node removals and constant folding.</summary>
    Basic = 1,

    /// <summary>Basic plus node fusions.</summary>
    Extended = 2,

    /// <summary>Everything, including layout optimizations.</summary>
    All = 99,
}
