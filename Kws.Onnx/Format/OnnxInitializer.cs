using System.Buffers.Binary;

namespace Kws.Onnx.Format;

/// <summary>A constant tensor stored in the graph (a weight, or the shape operand of a Reshape).</summary>
public sealed class OnnxInitializer
{
    private OnnxInitializer(string name, OnnxElementType elementType, long[] dims, byte[] rawData)
    {
        Name = name;
        ElementType = elementType;
        Dims = dims;
        RawData = rawData;
    }

    /// <summary>The value name nodes refer to.</summary>
    public string Name { get; }

    /// <summary>The element type: <see cref="OnnxElementType.Float"/> or <see cref="OnnxElementType.Int64"/>.</summary>
    public OnnxElementType ElementType { get; }

    /// <summary>The shape.</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>The elements, little-endian, as TensorProto.raw_data holds them.</summary>
    internal byte[] RawData { get; }

    /// <summary>A float tensor.</summary>
    /// <param name="name">The value name.</param>
    /// <param name="values">The elements in row-major order (copied).</param>
    /// <param name="dims">The shape; its product must equal the number of values.</param>
    public static OnnxInitializer Float(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        CheckShape(name, values.Length, dims);
        var raw = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }

        return new OnnxInitializer(name, OnnxElementType.Float, [.. dims], raw);
    }

    /// <summary>An int64 tensor, e.g. the target shape of a Reshape.</summary>
    /// <param name="name">The value name.</param>
    /// <param name="values">The elements in row-major order (copied).</param>
    /// <param name="dims">The shape; its product must equal the number of values.</param>
    public static OnnxInitializer Int64(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        CheckShape(name, values.Length, dims);
        var raw = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        }

        return new OnnxInitializer(name, OnnxElementType.Int64, [.. dims], raw);
    }

    private static void CheckShape(string name, int count, long[] dims)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("an ONNX initializer needs a name", nameof(name));
        }

        long product = 1;
        foreach (var d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentException($"initializer '{name}': dimension {d} is negative", nameof(dims));
            }

            product *= d;
        }

        if (product != count)
        {
            throw new ArgumentException(
                $"initializer '{name}': shape [{string.Join(",", dims)}] holds {product} elements but {count} values were given",
                nameof(dims));
        }
    }
}
