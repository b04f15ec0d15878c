namespace Kws.Onnx.Format;

/// <summary>A named graph input or output: its element type and shape.</summary>
/// <param name="Name">The value name.</param>
/// <param name="ElementType">The element type.</param>
/// <param name="Shape">The dimensions, fixed or symbolic.</param>
public sealed record OnnxValueInfo(string Name, OnnxElementType ElementType, IReadOnlyList<OnnxDim> Shape);
