namespace Kws.Onnx.Format;

/// <summary>One operator application in a graph.</summary>
/// <param name="OpType">The operator, e.g. "Conv".</param>
/// <param name="Name">The node's name (unique in the graph).</param>
/// <param name="Inputs">The input value names, in the operator's order; "" marks an omitted optional input.</param>
/// <param name="Outputs">The output value names.</param>
/// <param name="Attributes">The attributes.</param>
public sealed record OnnxNode(
    string OpType,
    string Name,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<OnnxAttribute> Attributes);
