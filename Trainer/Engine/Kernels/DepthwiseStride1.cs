using System.Numerics.Tensors;

namespace Trainer.Engine.Kernels;

/// <summary>
/// Depthwise convolution of one channel plane with stride 1, done as a few long vector operations instead of many
/// short row operations: the plane is copied into a zero-padded buffer of width Wp = W + 2 padW, so that every kernel
/// tap becomes one flat shift over an "extended" output of OH rows of width Wp (whose last kW - 1 columns are
/// scratch and are ignored).
/// </summary>
internal static class DepthwiseStride1
{
    /// <summary>Floats needed for the padded buffer.</summary>
    public static int PaddedLength(SampleShape input, ConvGeometry g) =>
        ((input.H + (2 * g.PadH)) * (input.W + (2 * g.PadW))) + g.KernelW;

    /// <summary>Floats needed for the extended output buffer.</summary>
    public static int ExtendedLength(SampleShape input, ConvGeometry g) =>
        g.OutH(input.H) * (input.W + (2 * g.PadW));

    /// <summary>y = conv(x, w) + bias for one plane. <paramref name="padded"/> must be zero outside the interior.</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> w, float bias, SampleShape input, ConvGeometry g, Span<float> padded, Span<float> ext)
    {
        var wp = input.W + (2 * g.PadW);
        int oh = g.OutH(input.H), ow = g.OutW(input.W);
        var len = oh * wp;
        Pad(x, input, g, padded);
        var e = ext[..len];
        e.Fill(bias);
        for (var ky = 0; ky < g.KernelH; ky++)
        {
            for (var kx = 0; kx < g.KernelW; kx++)
            {
                TensorPrimitives.MultiplyAdd(padded.Slice((ky * wp) + kx, len), w[(ky * g.KernelW) + kx], e, e);
            }
        }

        for (var oy = 0; oy < oh; oy++)
        {
            e.Slice(oy * wp, ow).CopyTo(y.Slice(oy * ow, ow));
        }
    }

    /// <summary>Adds dL/dw into <paramref name="dw"/> and, when <paramref name="wantDx"/>, overwrites dx for one plane.</summary>
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, ReadOnlySpan<float> w, Span<float> dw, SampleShape input, ConvGeometry g, Span<float> padded, Span<float> ext, Span<float> dPadded, bool wantDx)
    {
        var wp = input.W + (2 * g.PadW);
        int oh = g.OutH(input.H), ow = g.OutW(input.W);
        var len = oh * wp;
        Pad(x, input, g, padded);
        var e = ext[..len];
        for (var oy = 0; oy < oh; oy++)
        {
            dy.Slice(oy * ow, ow).CopyTo(e.Slice(oy * wp, ow));
            e.Slice((oy * wp) + ow, wp - ow).Clear();
        }

        if (wantDx)
        {
            dPadded.Clear();
        }

        for (var ky = 0; ky < g.KernelH; ky++)
        {
            for (var kx = 0; kx < g.KernelW; kx++)
            {
                var t = (ky * g.KernelW) + kx;
                var shift = (ky * wp) + kx;
                dw[t] += TensorPrimitives.Dot(e, padded.Slice(shift, len));
                if (wantDx)
                {
                    var d = dPadded.Slice(shift, len);
                    TensorPrimitives.MultiplyAdd(e, w[t], d, d);
                }
            }
        }

        if (wantDx)
        {
            for (var iy = 0; iy < input.H; iy++)
            {
                dPadded.Slice(((iy + g.PadH) * wp) + g.PadW, input.W).CopyTo(dx.Slice(iy * input.W, input.W));
            }
        }
    }

    private static void Pad(ReadOnlySpan<float> x, SampleShape input, ConvGeometry g, Span<float> padded)
    {
        var wp = input.W + (2 * g.PadW);
        for (var iy = 0; iy < input.H; iy++)
        {
            x.Slice(iy * input.W, input.W).CopyTo(padded.Slice(((iy + g.PadH) * wp) + g.PadW, input.W));
        }
    }
}
