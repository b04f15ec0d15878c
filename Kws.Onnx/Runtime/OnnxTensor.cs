using Kws.Onnx.Format;

namespace Kws.Onnx.Runtime;

/// <summary>
/// A float tensor over native, 64-byte aligned memory allocated once, wrapped in an OrtValue that ONNX Runtime reads
/// (input) or writes (output) in place. Fill or read it through <see cref="Span"/>.
/// </summary>
public sealed unsafe class OnnxTensor : IDisposable
{
    private const int OrtArenaAllocator = 1;
    private const int OrtMemTypeDefault = 0;

    private readonly long[] _shape;

    private OnnxTensor(long[] shape, int elementCount, NativeBuffer buffer, OrtObjectHandle value)
    {
        _shape = shape;
        ElementCount = elementCount;
        Buffer = buffer;
        Value = value;
    }

    /// <summary>The dimensions.</summary>
    public ReadOnlySpan<long> Shape => _shape;

    /// <summary>The number of elements.</summary>
    public int ElementCount { get; }

    /// <summary>The element type (always float).</summary>
    public OnnxElementType ElementType => OnnxElementType.Float;

    /// <summary>The elements, row-major, in the native buffer ONNX Runtime uses.</summary>
    public Span<float> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(Value.IsClosed, this);
            return new Span<float>(Buffer.Pointer, ElementCount);
        }
    }

    internal NativeBuffer Buffer { get; }

    internal OrtObjectHandle Value { get; }

    /// <summary>Allocates a zeroed float tensor.</summary>
    /// <param name="shape">The dimensions, each at least 1, e.g. (1, 1, 98, 40).</param>
    /// <returns>The tensor; dispose it when done.</returns>
    public static OnnxTensor Create(params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 1)
            {
                throw new ArgumentException($"tensor shape [{string.Join(",", shape)}]: every dimension must be at least 1", nameof(shape));
            }

            if (d > int.MaxValue / sizeof(float) / count)
            {
                // Tested before multiplying, so a huge dimension cannot wrap the count around to a small number.
                throw new ArgumentException($"tensor shape [{string.Join(",", shape)}] is too large", nameof(shape));
            }

            count *= d;
        }

        var api = OnnxRuntimeLibrary.Api();
        var bytes = (nuint)(count * sizeof(float));
        var buffer = new NativeBuffer(bytes);
        try
        {
            IntPtr info;
            OrtStatus.Check(api, api.CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &info), "describing CPU memory");
            using var memoryInfo = new OrtObjectHandle(info, api.ReleaseMemoryInfo);
            IntPtr value;
            var dims = (long[])shape.Clone();
            fixed (long* p = dims)
            {
                OrtStatus.Check(api, api.CreateTensorWithDataAsOrtValue(info, buffer.Pointer, bytes, p, (nuint)dims.Length,
                    (int)OnnxElementType.Float, &value), "creating a tensor over native memory");
            }

            return new OnnxTensor(dims, (int)count, buffer, new OrtObjectHandle(value, api.ReleaseValue));
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Value.Dispose();
        Buffer.Dispose();
    }
}
