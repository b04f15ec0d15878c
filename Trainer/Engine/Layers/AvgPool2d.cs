using System.Numerics.Tensors;

namespace Trainer.Engine.Layers;

/// <summary>
/// Average pooling over kH x kW windows, always dividing by kH * kW (padding counts as zeros, i.e. ONNX AveragePool
/// with count_include_pad = 1), parallel over the batch; row sums are vectorized.
/// Shapes: x [N, C, H, W] -> y [N, C, OH, OW]. Backward: takes dL/dy; returns dL/dx, each window's gradient spread
/// evenly over it (no parameters).
/// </summary>
internal sealed class AvgPool2d : Pool2d
{
    /// <summary>Makes an average pool.</summary>
    public AvgPool2d(ConvGeometry geometry)
        : base(geometry)
    {
    }

    /// <summary>A square window; the stride defaults to the kernel size.</summary>
    public AvgPool2d(int kernel, int? stride = null, int padding = 0)
        : this(ConvGeometry.Square(kernel, stride ?? kernel, padding))
    {
    }

    /// <inheritdoc />
    public override string Kind => "avgpool";

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        var g = Geometry;
        int inW = InputShape.W, inH = InputShape.H, ow = OutputShape.W, oh = OutputShape.H;
        var inv = 1f / (g.KernelH * g.KernelW);
        Batches.For(input.N, (start, end, chunk) =>
        {
            var tmp = Rows[chunk].AsSpan();
            for (var n = start; n < end; n++)
            {
                for (var c = 0; c < InputShape.C; c++)
                {
                    var x = input.Plane(n, c);
                    var y = output.Plane(n, c);
                    for (var oy = 0; oy < oh; oy++)
                    {
                        var (iy0, iy1) = Window(oy, g.StrideH, g.PadH, g.KernelH, inH);
                        tmp.Clear();
                        for (var iy = iy0; iy < iy1; iy++)
                        {
                            TensorPrimitives.Add(tmp, x.Slice(iy * inW, inW), tmp);
                        }

                        for (var ox = 0; ox < ow; ox++)
                        {
                            var (ix0, ix1) = Window(ox, g.StrideW, g.PadW, g.KernelW, inW);
                            y[(oy * ow) + ox] = TensorPrimitives.Sum(tmp[ix0..ix1]) * inv;
                        }
                    }
                }
            }
        });
    }

    /// <inheritdoc />
    public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        CheckBackward(input, output, gradOutput, gradInput);
        if (gradInput == null)
        {
            return;
        }

        var g = Geometry;
        int inW = InputShape.W, inH = InputShape.H, ow = OutputShape.W, oh = OutputShape.H;
        var inv = 1f / (g.KernelH * g.KernelW);
        Batches.For(input.N, (start, end, chunk) =>
        {
            var tmp = Rows[chunk].AsSpan();
            for (var n = start; n < end; n++)
            {
                for (var c = 0; c < InputShape.C; c++)
                {
                    var dy = gradOutput.Plane(n, c);
                    var dx = gradInput.Plane(n, c);
                    dx.Clear();
                    for (var oy = 0; oy < oh; oy++)
                    {
                        tmp.Clear();
                        for (var ox = 0; ox < ow; ox++)
                        {
                            var (ix0, ix1) = Window(ox, g.StrideW, g.PadW, g.KernelW, inW);
                            var share = dy[(oy * ow) + ox] * inv;
                            for (var ix = ix0; ix < ix1; ix++)
                            {
                                tmp[ix] += share;
                            }
                        }

                        var (iy0, iy1) = Window(oy, g.StrideH, g.PadH, g.KernelH, inH);
                        for (var iy = iy0; iy < iy1; iy++)
                        {
                            var row = dx.Slice(iy * inW, inW);
                            TensorPrimitives.Add(row, tmp, row);
                        }
                    }
                }
            }
        });
    }
}
