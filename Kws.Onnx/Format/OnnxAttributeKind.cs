namespace Kws.Onnx.Format;

/// <summary>The kinds of node attribute the writer supports; the numbers are AttributeProto.AttributeType's.</summary>
internal enum OnnxAttributeKind
{
    Float = 1,
    Int = 2,
    String = 3,
    Floats = 6,
    Ints = 7,
}
