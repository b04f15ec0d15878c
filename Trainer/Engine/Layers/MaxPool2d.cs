using System.Numerics.Tensors;

namespace Trainer.Engine.Layers;

/// <summary>
/// Max pooling over kH x kW windows (padding counts as -infinity), parallel over the batch; the vertical max over a
/// window's rows is vectorized, the horizontal one is scalar. Shapes: x [N, C, H, W] -> y [N, C, OH, OW].
/// Backward: takes dL/dy; returns dL/dx with each window's gradient routed to its first maximal element (no parameters).
/// </summary>
internal sealed class MaxPool2d : Pool2d
{
    /// <summary>Makes a max pool.</summary>
    public MaxPool2d(ConvGeometry geometry)
        : base(geometry)
    {
    }

    /// <summary>A square window; the stride defaults to the kernel size.</summary>
    public MaxPool2d(int kernel, int? stride = null, int padding = 0)
        : this(ConvGeometry.Square(kernel, stride ?? kernel, padding))
    {
    }

    /// <inheritdoc />
    public override string Kind => "maxpool";

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        var g = Geometry;
        int inW = InputShape.W, inH = InputShape.H, ow = OutputShape.W, oh = OutputShape.H;
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
                        x.Slice(iy0 * inW, inW).CopyTo(tmp);
                        for (var iy = iy0 + 1; iy < iy1; iy++)
                        {
                            TensorPrimitives.Max(tmp, x.Slice(iy * inW, inW), tmp);
                        }

                        for (var ox = 0; ox < ow; ox++)
                        {
                            var (ix0, ix1) = Window(ox, g.StrideW, g.PadW, g.KernelW, inW);
                            var best = tmp[ix0];
                            for (var ix = ix0 + 1; ix < ix1; ix++)
                            {
                                best = MathF.Max(best, tmp[ix]);
                            }

                            y[(oy * ow) + ox] = best;
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
        Batches.For(input.N, (start, end, _) =>
        {
            for (var n = start; n < end; n++)
            {
                for (var c = 0; c < InputShape.C; c++)
                {
                    var x = input.Plane(n, c);
                    var y = output.Plane(n, c);
                    var dy = gradOutput.Plane(n, c);
                    var dx = gradInput.Plane(n, c);
                    dx.Clear();
                    for (var oy = 0; oy < oh; oy++)
                    {
                        var (iy0, iy1) = Window(oy, g.StrideH, g.PadH, g.KernelH, inH);
                        for (var ox = 0; ox < ow; ox++)
                        {
                            var (ix0, ix1) = Window(ox, g.StrideW, g.PadW, g.KernelW, inW);
                            var o = (oy * ow) + ox;
                            var at = FirstIndexOf(x, y[o], iy0, iy1, ix0, ix1, inW);
                            dx[at] += dy[o];
                        }
                    }
                }
            }
        });
    }

    private static int FirstIndexOf(ReadOnlySpan<float> x, float value, int iy0, int iy1, int ix0, int ix1, int inW)
    {
        for (var iy = iy0; iy < iy1; iy++)
        {
            for (var ix = ix0; ix < ix1; ix++)
            {
                if (x[(iy * inW) + ix] == value)
                {
                    return (iy * inW) + ix;
                }
            }
        }

        return (iy0 * inW) + ix0; // unreachable for finite inputs: the max is one of the window's values
    }
}
