using System.Numerics.Tensors;

namespace Trainer.Engine.Kernels;

/// <summary>
/// Unfolds one example [C, H, W] into columns [C * kH * kW, OH * OW] (row index (c * kH + ky) * kW + kx) so that
/// a convolution becomes one matrix product, and folds column gradients back (adding overlaps).
/// </summary>
internal static class Im2Col
{
    /// <summary>Fills <paramref name="col"/> from <paramref name="x"/>; padded positions are zero.</summary>
    public static void Unfold(ReadOnlySpan<float> x, SampleShape shape, ConvGeometry g, Span<float> col)
    {
        var oh = g.OutH(shape.H);
        var ow = g.OutW(shape.W);
        var p = oh * ow;
        var row = 0;
        for (var c = 0; c < shape.C; c++)
        {
            var plane = x.Slice(c * shape.Plane, shape.Plane);
            for (var ky = 0; ky < g.KernelH; ky++)
            {
                for (var kx = 0; kx < g.KernelW; kx++, row++)
                {
                    var dst = col.Slice(row * p, p);
                    var (ox0, ox1) = ValidColumns(g, shape.W, ow, kx);
                    for (var oy = 0; oy < oh; oy++)
                    {
                        var d = dst.Slice(oy * ow, ow);
                        var iy = (oy * g.StrideH) - g.PadH + ky;
                        if (iy < 0 || iy >= shape.H || ox1 <= ox0)
                        {
                            d.Clear();
                            continue;
                        }

                        d[..ox0].Clear();
                        d[ox1..].Clear();
                        var src = plane.Slice(iy * shape.W, shape.W);
                        var ix0 = (ox0 * g.StrideW) - g.PadW + kx;
                        if (g.StrideW == 1)
                        {
                            src.Slice(ix0, ox1 - ox0).CopyTo(d[ox0..ox1]);
                        }
                        else
                        {
                            for (int ox = ox0, ix = ix0; ox < ox1; ox++, ix += g.StrideW)
                            {
                                d[ox] = src[ix];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Adds the column gradients <paramref name="col"/> into <paramref name="dx"/> (which the caller zeroes).</summary>
    public static void Fold(ReadOnlySpan<float> col, SampleShape shape, ConvGeometry g, Span<float> dx)
    {
        var oh = g.OutH(shape.H);
        var ow = g.OutW(shape.W);
        var p = oh * ow;
        var row = 0;
        for (var c = 0; c < shape.C; c++)
        {
            var plane = dx.Slice(c * shape.Plane, shape.Plane);
            for (var ky = 0; ky < g.KernelH; ky++)
            {
                for (var kx = 0; kx < g.KernelW; kx++, row++)
                {
                    var srcRows = col.Slice(row * p, p);
                    var (ox0, ox1) = ValidColumns(g, shape.W, ow, kx);
                    if (ox1 <= ox0)
                    {
                        continue;
                    }

                    for (var oy = 0; oy < oh; oy++)
                    {
                        var iy = (oy * g.StrideH) - g.PadH + ky;
                        if (iy < 0 || iy >= shape.H)
                        {
                            continue;
                        }

                        var s = srcRows.Slice(oy * ow, ow);
                        var dst = plane.Slice(iy * shape.W, shape.W);
                        var ix0 = (ox0 * g.StrideW) - g.PadW + kx;
                        if (g.StrideW == 1)
                        {
                            var seg = dst.Slice(ix0, ox1 - ox0);
                            TensorPrimitives.Add(seg, s[ox0..ox1], seg);
                        }
                        else
                        {
                            for (int ox = ox0, ix = ix0; ox < ox1; ox++, ix += g.StrideW)
                            {
                                dst[ix] += s[ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The output columns [ox0, ox1) whose input column ox * sW - pW + kx lies inside [0, inW).</summary>
    public static (int Ox0, int Ox1) ValidColumns(ConvGeometry g, int inW, int outW, int kx)
    {
        var first = g.PadW - kx; // smallest ox * sW allowed
        var ox0 = first <= 0 ? 0 : (first + g.StrideW - 1) / g.StrideW;
        var last = inW - 1 + g.PadW - kx; // largest ox * sW allowed
        var ox1 = last < 0 ? 0 : Math.Min(outW, (last / g.StrideW) + 1);
        return (Math.Min(ox0, outW), ox1);
    }
}
