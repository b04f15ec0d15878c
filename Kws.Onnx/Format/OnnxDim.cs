namespace Kws.Onnx.Format;

/// <summary>One dimension of a graph input or output: a fixed size, or a symbolic name such as "N".</summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long? value, string? symbol)
    {
        Value = value;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or null for a symbolic dimension.</summary>
    public long? Value { get; }

    /// <summary>The symbolic name, or null for a fixed dimension.</summary>
    public string? Symbol { get; }

    /// <summary>A fixed dimension.</summary>
    /// <param name="value">The size, zero or more.</param>
    public static OnnxDim Fixed(long value) =>
        value >= 0 ? new OnnxDim(value, null)
                   : throw new ArgumentOutOfRangeException(nameof(value), value, "a fixed ONNX dimension cannot be negative");

    /// <summary>A symbolic dimension, such as the batch size "N".</summary>
    /// <param name="symbol">The name, not empty.</param>
    public static OnnxDim Symbolic(string symbol) =>
        string.IsNullOrWhiteSpace(symbol)
            ? throw new ArgumentException("a symbolic ONNX dimension needs a name", nameof(symbol))
            : new OnnxDim(null, symbol);

    /// <summary>A fixed dimension from a size.</summary>
    /// <param name="value">The size.</param>
    public static implicit operator OnnxDim(long value) => Fixed(value);

    /// <summary>A symbolic dimension from a name.</summary>
    /// <param name="symbol">The name.</param>
    public static implicit operator OnnxDim(string symbol) => Symbolic(symbol);

    /// <inheritdoc />
    public override string ToString() => Symbol ?? Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
