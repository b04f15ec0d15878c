using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Trainer.Engine.Kernels;

/// <summary>
/// Single-threaded, vectorized row-major matrix products (callers parallelize over the batch).
/// The blocking keeps a strip of B in cache and 4 x 2 vectors of C in registers.
/// </summary>
internal static class Gemm
{
    /// <summary>C[m,n] = (accumulate ? C : 0) + A[m,k] * B[k,n].</summary>
    public static void MatMul(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        Check(a.Length >= m * k && b.Length >= k * n && c.Length >= m * n, "MatMul");
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        ref var rc = ref MemoryMarshal.GetReference(c);
        var vw = Vector<float>.Count;
        var j = 0;
        for (; j + (2 * vw) <= n; j += 2 * vw)
        {
            var i = 0;
            for (; i + 4 <= m; i += 4)
            {
                Block4x2(ref ra, ref rb, ref rc, i, j, k, n, accumulate);
            }

            for (; i < m; i++)
            {
                Block1x2(ref ra, ref rb, ref rc, i, j, k, n, accumulate);
            }
        }

        for (; j + vw <= n; j += vw)
        {
            for (var i = 0; i < m; i++)
            {
                var acc = accumulate ? Vector.LoadUnsafe(ref rc, (nuint)((i * n) + j)) : Vector<float>.Zero;
                for (var p = 0; p < k; p++)
                {
                    acc = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref ra, (i * k) + p)), Vector.LoadUnsafe(ref rb, (nuint)((p * n) + j)), acc);
                }

                acc.StoreUnsafe(ref rc, (nuint)((i * n) + j));
            }
        }

        for (; j < n; j++)
        {
            for (var i = 0; i < m; i++)
            {
                var s = accumulate ? Unsafe.Add(ref rc, (i * n) + j) : 0f;
                for (var p = 0; p < k; p++)
                {
                    s = MathF.FusedMultiplyAdd(Unsafe.Add(ref ra, (i * k) + p), Unsafe.Add(ref rb, (p * n) + j), s);
                }

                Unsafe.Add(ref rc, (i * n) + j) = s;
            }
        }
    }

    /// <summary>C[m,n] = (accumulate ? C : 0) + A[m,k] * B[n,k]^T (both operands have contiguous k).</summary>
    public static void MatMulTransB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        Check(a.Length >= m * k && b.Length >= n * k && c.Length >= m * n, "MatMulTransB");
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        for (; i + 2 <= m; i += 2)
        {
            var j = 0;
            for (; j + 2 <= n; j += 2)
            {
                Dot2x2(ref ra, ref rb, i, j, k, out var c00, out var c01, out var c10, out var c11);
                Put(c, (i * n) + j, c00, accumulate);
                Put(c, (i * n) + j + 1, c01, accumulate);
                Put(c, ((i + 1) * n) + j, c10, accumulate);
                Put(c, ((i + 1) * n) + j + 1, c11, accumulate);
            }

            for (; j < n; j++)
            {
                var bj = b.Slice(j * k, k);
                Put(c, (i * n) + j, System.Numerics.Tensors.TensorPrimitives.Dot(a.Slice(i * k, k), bj), accumulate);
                Put(c, ((i + 1) * n) + j, System.Numerics.Tensors.TensorPrimitives.Dot(a.Slice((i + 1) * k, k), bj), accumulate);
            }
        }

        for (; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                Put(c, (i * n) + j, System.Numerics.Tensors.TensorPrimitives.Dot(a.Slice(i * k, k), b.Slice(j * k, k)), accumulate);
            }
        }
    }

    /// <summary>Writes the transpose of A[rows, cols] into T[cols, rows].</summary>
    public static void Transpose(ReadOnlySpan<float> a, Span<float> t, int rows, int cols)
    {
        Check(a.Length >= rows * cols && t.Length >= rows * cols, "Transpose");
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                t[(c * rows) + r] = a[(r * cols) + c];
            }
        }
    }

    private static void Put(Span<float> c, int index, float value, bool accumulate) =>
        c[index] = accumulate ? c[index] + value : value;

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new ArgumentException($"{what}: a span is shorter than the matrix sizes need.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x2(ref float ra, ref float rb, ref float rc, int i, int j, int k, int n, bool accumulate)
    {
        var vw = Vector<float>.Count;
        var o0 = (nuint)((i * n) + j);
        var o1 = o0 + (nuint)n;
        var o2 = o1 + (nuint)n;
        var o3 = o2 + (nuint)n;
        Vector<float> c00, c01, c10, c11, c20, c21, c30, c31;
        if (accumulate)
        {
            c00 = Vector.LoadUnsafe(ref rc, o0);
            c01 = Vector.LoadUnsafe(ref rc, o0 + (nuint)vw);
            c10 = Vector.LoadUnsafe(ref rc, o1);
            c11 = Vector.LoadUnsafe(ref rc, o1 + (nuint)vw);
            c20 = Vector.LoadUnsafe(ref rc, o2);
            c21 = Vector.LoadUnsafe(ref rc, o2 + (nuint)vw);
            c30 = Vector.LoadUnsafe(ref rc, o3);
            c31 = Vector.LoadUnsafe(ref rc, o3 + (nuint)vw);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector<float>.Zero;
        }

        ref var a0 = ref Unsafe.Add(ref ra, i * k);
        ref var a1 = ref Unsafe.Add(ref a0, k);
        ref var a2 = ref Unsafe.Add(ref a1, k);
        ref var a3 = ref Unsafe.Add(ref a2, k);
        var bOffset = (nuint)j;
        for (var p = 0; p < k; p++, bOffset += (nuint)n)
        {
            var b0 = Vector.LoadUnsafe(ref rb, bOffset);
            var b1 = Vector.LoadUnsafe(ref rb, bOffset + (nuint)vw);
            var x = new Vector<float>(Unsafe.Add(ref a0, p));
            c00 = Vector.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector.FusedMultiplyAdd(x, b1, c01);
            x = new Vector<float>(Unsafe.Add(ref a1, p));
            c10 = Vector.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector.FusedMultiplyAdd(x, b1, c11);
            x = new Vector<float>(Unsafe.Add(ref a2, p));
            c20 = Vector.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector.FusedMultiplyAdd(x, b1, c21);
            x = new Vector<float>(Unsafe.Add(ref a3, p));
            c30 = Vector.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector.FusedMultiplyAdd(x, b1, c31);
        }

        c00.StoreUnsafe(ref rc, o0);
        c01.StoreUnsafe(ref rc, o0 + (nuint)vw);
        c10.StoreUnsafe(ref rc, o1);
        c11.StoreUnsafe(ref rc, o1 + (nuint)vw);
        c20.StoreUnsafe(ref rc, o2);
        c21.StoreUnsafe(ref rc, o2 + (nuint)vw);
        c30.StoreUnsafe(ref rc, o3);
        c31.StoreUnsafe(ref rc, o3 + (nuint)vw);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block1x2(ref float ra, ref float rb, ref float rc, int i, int j, int k, int n, bool accumulate)
    {
        var vw = Vector<float>.Count;
        var o0 = (nuint)((i * n) + j);
        var c00 = accumulate ? Vector.LoadUnsafe(ref rc, o0) : Vector<float>.Zero;
        var c01 = accumulate ? Vector.LoadUnsafe(ref rc, o0 + (nuint)vw) : Vector<float>.Zero;
        ref var a0 = ref Unsafe.Add(ref ra, i * k);
        var bOffset = (nuint)j;
        for (var p = 0; p < k; p++, bOffset += (nuint)n)
        {
            var x = new Vector<float>(Unsafe.Add(ref a0, p));
            c00 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref rb, bOffset), c00);
            c01 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref rb, bOffset + (nuint)vw), c01);
        }

        c00.StoreUnsafe(ref rc, o0);
        c01.StoreUnsafe(ref rc, o0 + (nuint)vw);
    }

    private static void Dot2x2(ref float ra, ref float rb, int i, int j, int k, out float c00, out float c01, out float c10, out float c11)
    {
        var vw = Vector<float>.Count;
        ref var a0 = ref Unsafe.Add(ref ra, i * k);
        ref var a1 = ref Unsafe.Add(ref a0, k);
        ref var b0 = ref Unsafe.Add(ref rb, j * k);
        ref var b1 = ref Unsafe.Add(ref b0, k);
        Vector<float> s00 = default, s01 = default, s10 = default, s11 = default;
        var p = 0;
        for (; p + vw <= k; p += vw)
        {
            var x0 = Vector.LoadUnsafe(ref a0, (nuint)p);
            var x1 = Vector.LoadUnsafe(ref a1, (nuint)p);
            var y0 = Vector.LoadUnsafe(ref b0, (nuint)p);
            var y1 = Vector.LoadUnsafe(ref b1, (nuint)p);
            s00 = Vector.FusedMultiplyAdd(x0, y0, s00);
            s01 = Vector.FusedMultiplyAdd(x0, y1, s01);
            s10 = Vector.FusedMultiplyAdd(x1, y0, s10);
            s11 = Vector.FusedMultiplyAdd(x1, y1, s11);
        }

        c00 = Vector.Sum(s00);
        c01 = Vector.Sum(s01);
        c10 = Vector.Sum(s10);
        c11 = Vector.Sum(s11);
        for (; p < k; p++)
        {
            var x0 = Unsafe.Add(ref a0, p);
            var x1 = Unsafe.Add(ref a1, p);
            var y0 = Unsafe.Add(ref b0, p);
            var y1 = Unsafe.Add(ref b1, p);
            c00 += x0 * y0;
            c01 += x0 * y1;
            c10 += x1 * y0;
            c11 += x1 * y1;
        }
    }
}
