using Kws.Onnx.Format;

namespace Kws.Onnx.Runtime;

/// <summary>A model input or output as ONNX Runtime reports it.</summary>
/// <param name="Name">The value name.</param>
/// <param name="ElementType">The element type.</param>
/// <param name="Shape">The dimensions; -1 for a symbolic or unknown one.</param>
public sealed record OnnxTensorInfo(string Name, OnnxElementType ElementType, IReadOnlyList<long> Shape);
