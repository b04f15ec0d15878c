namespace Trainer.Engine.Layers;

/// <summary>
/// What the pooling layers share: the window geometry, the output shape, one row buffer per batch chunk, and which
/// input range each output index covers. <see cref="MaxPool2d"/> and <see cref="AvgPool2d"/> add what they do in a window.
/// </summary>
internal abstract class Pool2d : Layer
{
    /// <summary>Makes a pool over <paramref name="geometry"/>.</summary>
    protected Pool2d(ConvGeometry geometry) => Geometry = geometry;

    /// <summary>Window, strides, paddings.</summary>
    public ConvGeometry Geometry { get; }

    /// <summary>One input-row-wide buffer per batch chunk (see <c>Batches.For</c>), made at build.</summary>
    protected float[][] Rows { get; private set; } = [];

    /// <summary>The input range [i0, i1) covered by output index <paramref name="o"/> (clipped to the input).</summary>
    internal static (int I0, int I1) Window(int o, int stride, int pad, int kernel, int size)
    {
        var i0 = (o * stride) - pad;
        return (Math.Max(i0, 0), Math.Min(i0 + kernel, size));
    }

    /// <inheritdoc />
    protected override SampleShape ComputeOutputShape(SampleShape input)
    {
        Geometry.Validate(Kind, input.H, input.W);
        return new SampleShape(input.C, Geometry.OutH(input.H), Geometry.OutW(input.W));
    }

    /// <inheritdoc />
    protected override void OnBuild() => Rows = ChunkBuffers(InputShape.W);
}
