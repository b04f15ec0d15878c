using System.Text;

namespace Kws.Onnx.Format;

/// <summary>A node attribute: a name and one int, float, string, or a list of ints or floats.</summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(string name, OnnxAttributeKind kind)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("an ONNX attribute needs a name", nameof(name));
        }

        Name = name;
        Kind = kind;
    }

    /// <summary>The attribute's name, e.g. "kernel_shape".</summary>
    public string Name { get; }

    internal OnnxAttributeKind Kind { get; }

    internal long IntValue { get; private init; }

    internal float FloatValue { get; private init; }

    internal byte[] StringValue { get; private init; } = [];

    internal long[] IntsValue { get; private init; } = [];

    internal float[] FloatsValue { get; private init; } = [];

    /// <summary>An integer attribute.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="value">Its value.</param>
    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeKind.Int) { IntValue = value };

    /// <summary>A float attribute.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="value">Its value.</param>
    public static OnnxAttribute Float(string name, float value) => new(name, OnnxAttributeKind.Float) { FloatValue = value };

    /// <summary>A string attribute (written as UTF-8).</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="value">Its value.</param>
    public static OnnxAttribute String(string name, string value) =>
        new(name, OnnxAttributeKind.String) { StringValue = Encoding.UTF8.GetBytes(value) };

    /// <summary>A list-of-integers attribute.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="values">Its values (copied).</param>
    public static OnnxAttribute Ints(string name, params ReadOnlySpan<long> values) =>
        new(name, OnnxAttributeKind.Ints) { IntsValue = values.ToArray() };

    /// <summary>A list-of-floats attribute.</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="values">Its values (copied).</param>
    public static OnnxAttribute Floats(string name, params ReadOnlySpan<float> values) =>
        new(name, OnnxAttributeKind.Floats) { FloatsValue = values.ToArray() };
}
