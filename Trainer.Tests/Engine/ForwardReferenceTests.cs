using Trainer.Engine;
using Trainer.Engine.Kernels;
using Trainer.Engine.Layers;

namespace Trainer.Tests.Engine;

/// <summary>
/// The gradient checks prove backward matches forward; these prove forward computes the right function, against
/// plain loops written from the definitions (float sums in a different order: tolerance 1e-4 on values ~1).
/// </summary>
public class ForwardReferenceTests
{
    private static Tensor Random(int n, SampleShape shape, int seed)
    {
        var t = new Tensor(n, shape);
        var rng = new Rng((ulong)seed);
        for (var i = 0; i < t.Length; i++)
        {
            t.Data[i] = rng.NextGaussian();
        }

        return t;
    }

    private static float At(Tensor t, int n, int c, int y, int x) =>
        y < 0 || y >= t.Shape.H || x < 0 || x >= t.Shape.W ? 0f : t.Data[(((((n * t.Shape.C) + c) * t.Shape.H) + y) * t.Shape.W) + x];

    private static Tensor Run(Layer layer, Tensor x, int threads = 2)
    {
        layer.Build(x.Shape, x.N, new BatchParallel(threads));
        var rng = new Rng(77);
        layer.Initialize(rng);
        foreach (var p in layer.Parameters)
        {
            for (var i = 0; i < p.Length; i++)
            {
                p.Value[i] += 0.3f * rng.NextGaussian();
            }
        }

        var y = new Tensor(x.N, layer.OutputShape);
        layer.Forward(x, y, training: false);
        return y;
    }

    [Theory]
    [InlineData(3, 3, 1, 1, 1, 1)]
    [InlineData(3, 2, 2, 1, 1, 0)]
    [InlineData(1, 1, 1, 1, 0, 0)]
    [InlineData(4, 3, 2, 3, 2, 1)]
    public void Conv2dMatchesDirectConvolution(int kh, int kw, int sh, int sw, int ph, int pw)
    {
        var g = new ConvGeometry(kh, kw, sh, sw, ph, pw);
        var conv = new Conv2d(3, 5, g);
        var x = Random(3, new SampleShape(3, 9, 8), 1);
        var y = Run(conv, x);
        Assert.Equal(new SampleShape(5, ((9 + (2 * ph) - kh) / sh) + 1, ((8 + (2 * pw) - kw) / sw) + 1), y.Shape);
        var w = conv.Weight.Value;
        for (var n = 0; n < 3; n++)
        {
            for (var o = 0; o < 5; o++)
            {
                for (var oy = 0; oy < y.Shape.H; oy++)
                {
                    for (var ox = 0; ox < y.Shape.W; ox++)
                    {
                        double s = conv.Bias!.Value[o];
                        for (var c = 0; c < 3; c++)
                        {
                            for (var ky = 0; ky < kh; ky++)
                            {
                                for (var kx = 0; kx < kw; kx++)
                                {
                                    s += w[(((((o * 3) + c) * kh) + ky) * kw) + kx] * At(x, n, c, (oy * sh) - ph + ky, (ox * sw) - pw + kx);
                                }
                            }
                        }

                        Assert.Equal(s, At(y, n, o, oy, ox), 4);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(3, 3, 1, 1, 1, 1)]
    [InlineData(3, 2, 2, 2, 1, 1)]
    public void DepthwiseMatchesDirectConvolution(int kh, int kw, int sh, int sw, int ph, int pw)
    {
        var g = new ConvGeometry(kh, kw, sh, sw, ph, pw);
        var conv = new DepthwiseConv2d(4, g);
        var x = Random(2, new SampleShape(4, 7, 9), 2);
        var y = Run(conv, x);
        var w = conv.Weight.Value;
        for (var n = 0; n < 2; n++)
        {
            for (var c = 0; c < 4; c++)
            {
                for (var oy = 0; oy < y.Shape.H; oy++)
                {
                    for (var ox = 0; ox < y.Shape.W; ox++)
                    {
                        double s = conv.Bias!.Value[c];
                        for (var ky = 0; ky < kh; ky++)
                        {
                            for (var kx = 0; kx < kw; kx++)
                            {
                                s += w[(((c * kh) + ky) * kw) + kx] * At(x, n, c, (oy * sh) - ph + ky, (ox * sw) - pw + kx);
                            }
                        }

                        Assert.Equal(s, At(y, n, c, oy, ox), 4);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 2, 1)]
    public void PoolsMatchDefinitions(int k, int s, int p)
    {
        var x = Random(2, new SampleShape(3, 7, 6), 3);
        var max = Run(new MaxPool2d(k, s, p), x);
        var avg = Run(new AvgPool2d(k, s, p), x);
        for (var n = 0; n < 2; n++)
        {
            for (var c = 0; c < 3; c++)
            {
                for (var oy = 0; oy < max.Shape.H; oy++)
                {
                    for (var ox = 0; ox < max.Shape.W; ox++)
                    {
                        var best = float.NegativeInfinity;
                        double sum = 0;
                        for (var ky = 0; ky < k; ky++)
                        {
                            for (var kx = 0; kx < k; kx++)
                            {
                                int iy = (oy * s) - p + ky, ix = (ox * s) - p + kx;
                                sum += At(x, n, c, iy, ix);
                                if (iy >= 0 && iy < 7 && ix >= 0 && ix < 6)
                                {
                                    best = MathF.Max(best, At(x, n, c, iy, ix));
                                }
                            }
                        }

                        Assert.Equal(best, At(max, n, c, oy, ox));
                        Assert.Equal(sum / (k * k), At(avg, n, c, oy, ox), 5);
                    }
                }
            }
        }
    }

    [Fact]
    public void LinearMatchesDefinition()
    {
        var linear = new Linear(6, 4);
        var x = Random(5, new SampleShape(6, 1, 1), 4);
        var y = Run(linear, x, threads: 3);
        for (var n = 0; n < 5; n++)
        {
            for (var o = 0; o < 4; o++)
            {
                double s = linear.Bias!.Value[o];
                for (var i = 0; i < 6; i++)
                {
                    s += linear.Weight.Value[(o * 6) + i] * x.Data[(n * 6) + i];
                }

                Assert.Equal(s, y.Data[(n * 4) + o], 5);
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 3, 7)]
    [InlineData(9, 17, 37)]
    [InlineData(4, 64, 980)]
    public void GemmMatchesNaiveProducts(int m, int k, int n)
    {
        var rng = new Rng(5);
        float[] Fill(int len) => Enumerable.Range(0, len).Select(_ => rng.NextGaussian()).ToArray();
        var a = Fill(m * k);
        var b = Fill(k * n);
        var bt = Fill(n * k);
        var c0 = Fill(m * n);
        var c = (float[])c0.Clone();
        var ct = (float[])c0.Clone();
        Gemm.MatMul(a, b, c, m, k, n, accumulate: true);
        Gemm.MatMulTransB(a, bt, ct, m, k, n, accumulate: false);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double s = c0[(i * n) + j], st = 0;
                for (var p = 0; p < k; p++)
                {
                    s += a[(i * k) + p] * b[(p * n) + j];
                    st += a[(i * k) + p] * bt[(j * k) + p];
                }

                Assert.Equal(s, c[(i * n) + j], 3);
                Assert.Equal(st, ct[(i * n) + j], 3);
            }
        }
    }
}
