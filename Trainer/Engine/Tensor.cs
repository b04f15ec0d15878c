namespace Trainer.Engine;

/// <summary>
/// A batch of float examples in NCHW order, stored contiguously. The buffer is made once for a largest batch
/// (<see cref="Capacity"/>); <see cref="N"/> may be set to any smaller batch without allocating.
/// </summary>
internal sealed class Tensor
{
    /// <summary>Makes a zeroed tensor for up to <paramref name="capacity"/> examples of <paramref name="shape"/>.</summary>
    public Tensor(int capacity, SampleShape shape)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A tensor needs room for at least one example.");
        }

        shape.Validate("tensor");
        Capacity = capacity;
        Shape = shape;
        N = capacity;
        Data = new float[checked(capacity * shape.Size)];
    }

    /// <summary>A tensor over an existing buffer (shared storage, e.g. gradient buffers reused by every layer).</summary>
    public Tensor(float[] data, int capacity, SampleShape shape)
    {
        shape.Validate("tensor");
        if (capacity <= 0 || data.Length < (long)capacity * shape.Size)
        {
            throw new ArgumentException($"tensor: a buffer of {data.Length} floats cannot hold {capacity} examples of {shape}.");
        }

        Capacity = capacity;
        Shape = shape;
        N = capacity;
        Data = data;
    }

    /// <summary>The whole buffer (Capacity * Shape.Size floats); only the first <see cref="Length"/> are in use.</summary>
    public float[] Data { get; }

    /// <summary>The shape of one example.</summary>
    public SampleShape Shape { get; }

    /// <summary>The largest batch the buffer holds.</summary>
    public int Capacity { get; }

    /// <summary>The current batch size, 1..Capacity.</summary>
    public int N
    {
        get;
        set
        {
            if (value < 1 || value > Capacity)
            {
                throw new ArgumentOutOfRangeException(nameof(N), value, $"Batch size must be 1..{Capacity} for this tensor.");
            }

            field = value;
        }
    }

    /// <summary>Floats in the current batch: N * Shape.Size.</summary>
    public int Length => N * Shape.Size;

    /// <summary>The current batch as one span.</summary>
    public Span<float> Span => Data.AsSpan(0, Length);

    /// <summary>The floats of example <paramref name="n"/>.</summary>
    public Span<float> Example(int n) => Data.AsSpan(n * Shape.Size, Shape.Size);

    /// <summary>One channel plane (H * W floats) of example <paramref name="n"/>.</summary>
    public Span<float> Plane(int n, int c) => Data.AsSpan(((n * Shape.C) + c) * Shape.Plane, Shape.Plane);
}
