using System.Numerics;
using System.Runtime.InteropServices;

namespace Trainer.Engine.Kernels;

/// <summary>Small vectorized element-wise kernels that TensorPrimitives lacks.</summary>
internal static class VectorOps
{
    /// <summary>y[i] = x[i] * scale + shift (x and y may be the same span).</summary>
    public static void Affine(ReadOnlySpan<float> x, float scale, float shift, Span<float> y)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException("Affine: the destination is shorter than the source.");
        }

        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var vs = new Vector<float>(scale);
        var vb = new Vector<float>(shift);
        for (var i = 0; i < vx.Length; i++)
        {
            vy[i] = Vector.FusedMultiplyAdd(vx[i], vs, vb);
        }

        for (var i = vx.Length * Vector<float>.Count; i < x.Length; i++)
        {
            y[i] = MathF.FusedMultiplyAdd(x[i], scale, shift);
        }
    }

    /// <summary>z[i] = a * x[i] + b * y[i] + c in one pass (z may be x or y).</summary>
    public static void LinearCombination(ReadOnlySpan<float> x, float a, ReadOnlySpan<float> y, float b, float c, Span<float> z)
    {
        if (y.Length < x.Length || z.Length < x.Length)
        {
            throw new ArgumentException("LinearCombination: a span is shorter than the first source.");
        }

        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var vz = MemoryMarshal.Cast<float, Vector<float>>(z);
        var va = new Vector<float>(a);
        var vb = new Vector<float>(b);
        var vc = new Vector<float>(c);
        for (var i = 0; i < vx.Length; i++)
        {
            vz[i] = Vector.FusedMultiplyAdd(vx[i], va, Vector.FusedMultiplyAdd(vy[i], vb, vc));
        }

        for (var i = vx.Length * Vector<float>.Count; i < x.Length; i++)
        {
            z[i] = (a * x[i]) + ((b * y[i]) + c);
        }
    }
}
