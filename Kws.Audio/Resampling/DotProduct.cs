using System.Numerics;
using System.Runtime.InteropServices;

namespace Kws.Audio.Resampling;

/// <summary>
/// A SIMD dot product whose order of summation depends only on the length, never on where the data lies in memory,
/// so the same samples give bit-identical results wherever a buffer holds them (streaming equals whole-buffer).
/// </summary>
internal static class DotProduct
{
    /// <summary>Sum of a[i] * b[i] over the length of <paramref name="a"/> (b at least as long).</summary>
    public static float Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = a.Length;
        b = b[..n];
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<float>.Count)
        {
            var w = Vector<float>.Count;
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            var acc0 = Vector<float>.Zero;
            var acc1 = Vector<float>.Zero;
            for (; i <= n - (2 * w); i += 2 * w)
            {
                acc0 += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
                acc1 += Vector.LoadUnsafe(ref ra, (nuint)(i + w)) * Vector.LoadUnsafe(ref rb, (nuint)(i + w));
            }

            for (; i <= n - w; i += w)
            {
                acc0 += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
            }

            sum = Vector.Sum(acc0 + acc1);
        }

        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
