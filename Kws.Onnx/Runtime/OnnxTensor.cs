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
    private readonly int _offset;
    private readonly bool _ownsBuffer;

    private OnnxTensor(long[] shape, int elementCount, NativeBuffer buffer, OrtObjectHandle value, int offset = 0, bool ownsBuffer = true)
    {
        _shape = shape;
        ElementCount = elementCount;
        Buffer = buffer;
        Value = value;
        _offset = offset;
        _ownsBuffer = ownsBuffer;
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
            return new Span<float>((float*)Buffer.Pointer + _offset, ElementCount);
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

        var buffer = new NativeBuffer((nuint)(count * sizeof(float)));
        try
        {
            var dims = (long[])shape.Clone();
            return new OnnxTensor(dims, (int)count, buffer, Wrap(buffer.Pointer, count, dims));
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A tensor over the last elements of <paramref name="owner"/>'s memory (no copy): the <paramref name="shape"/>'s
    /// element count, ending where the owner ends. E.g. the newest T frames of a [1, 1, Frames, MelBins] window as
    /// [1, 1, T, MelBins]. The view does not own the memory: dispose it before the owner.
    /// </summary>
    /// <param name="owner">The tensor whose memory the view shows.</param>
    /// <param name="shape">The view's dimensions; at most as many elements as the owner has.</param>
    /// <returns>The view; dispose it when done.</returns>
    public static OnnxTensor TailView(OnnxTensor owner, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var d in shape)
        {
            count *= d >= 1 && d <= owner.ElementCount ? d : throw new ArgumentException($"view shape [{string.Join(",", shape)}]: every dimension must be 1 to {owner.ElementCount}", nameof(shape));
        }

        if (count > owner.ElementCount)
        {
            throw new ArgumentException($"view shape [{string.Join(",", shape)}] has more elements than its owner's {owner.ElementCount}", nameof(shape));
        }

        var offset = owner._offset + owner.ElementCount - (int)count;
        var dims = (long[])shape.Clone();
        return new OnnxTensor(dims, (int)count, owner.Buffer, Wrap((float*)owner.Buffer.Pointer + offset, count, dims), offset, ownsBuffer: false);
    }

    private static OrtObjectHandle Wrap(void* data, long count, long[] dims)
    {
        var api = OnnxRuntimeLibrary.Api();
        var bytes = (nuint)(count * sizeof(float));
        IntPtr info;
        OrtStatus.Check(api, api.CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &info), "describing CPU memory");
        using var memoryInfo = new OrtObjectHandle(info, api.ReleaseMemoryInfo);
        IntPtr value;
        fixed (long* p = dims)
        {
            OrtStatus.Check(api, api.CreateTensorWithDataAsOrtValue(info, data, bytes, p, (nuint)dims.Length,
                (int)OnnxElementType.Float, &value), "creating a tensor over native memory");
        }

        return new OrtObjectHandle(value, api.ReleaseValue);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Value.Dispose();
        if (_ownsBuffer)
        {
            Buffer.Dispose();
        }
    }
}
