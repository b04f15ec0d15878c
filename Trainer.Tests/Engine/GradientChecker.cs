using Trainer.Engine;
using Trainer.Engine.Layers;

namespace Trainer.Tests.Engine;

/// <summary>
/// Central finite-difference check of a layer's backward pass. The scalar probed is L = sum(r * y) for a fixed random
/// r, so dL/dy = r is what backward receives; L is summed in double from the float outputs.
/// Tolerance: the forward runs in float32 (relative rounding ~6e-8 per value); with L ~ 10 and eps = 1e-2 the
/// rounding part of (L+ - L-) / 2eps is ~1e-4, and the truncation part is ~eps^2 / 6 * |f'''| ~ 2e-5 for the smooth
/// functions here (observed worst differences ~6e-5). We accept |analytic - numeric| &lt;= 5e-4 + 1e-2 * max(|analytic|,
/// |numeric|): several times above that noise, yet a 3% error in any gradient of size &gt;= 0.05 exceeds it, and the
/// self-tests show a 5% error being caught.
/// Kinks (ReLU at 0, ties in max pooling) are kept more than eps away by the callers' inputs.
/// </summary>
internal static class GradientChecker
{
    public const float Eps = 1e-2f;
    public const double AbsTol = 5e-4;
    public const double RelTol = 1e-2;

    internal sealed record Result(double WorstRatio, string Worst, int Checked)
    {
        public bool Passed => WorstRatio <= 1.0;

        public override string ToString() => $"worst {Worst} (error/tolerance {WorstRatio:F3}) over {Checked} values";
    }

    /// <summary>Fails the test unless <paramref name="result"/> checked something and passed; writes it to the test output.</summary>
    public static void AssertPasses(Result result)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(result.ToString());
        Assert.True(result.Checked > 0, "nothing was checked");
        Assert.True(result.Passed, result.ToString());
    }

    public static Result Check(
        Layer layer,
        SampleShape inputShape,
        int batch,
        bool training,
        int seed = 1,
        Func<Rng, int, float>? inputValue = null,
        Action? beforeForward = null,
        Action<Layer>? afterBackward = null,
        int threads = 2,
        int maxPerArray = 120)
    {
        layer.Build(inputShape, batch, new BatchParallel(threads));
        var rng = new Rng((ulong)seed);
        layer.Initialize(rng);
        foreach (var p in layer.Parameters)
        {
            for (var i = 0; i < p.Length; i++)
            {
                p.Value[i] += 0.3f * rng.NextGaussian();
            }
        }

        var x = new Tensor(batch, inputShape);
        for (var i = 0; i < x.Length; i++)
        {
            x.Data[i] = inputValue?.Invoke(rng, i) ?? rng.NextGaussian();
        }

        var y = new Tensor(batch, layer.OutputShape);
        var r = new Tensor(batch, layer.OutputShape);
        for (var i = 0; i < r.Length; i++)
        {
            r.Data[i] = rng.NextGaussian();
        }

        double Loss()
        {
            beforeForward?.Invoke();
            layer.Forward(x, y, training);
            double s = 0;
            for (var i = 0; i < y.Length; i++)
            {
                s += (double)y.Data[i] * r.Data[i];
            }

            return s;
        }

        foreach (var p in layer.Parameters)
        {
            Array.Clear(p.Grad);
        }

        var dx = new Tensor(batch, inputShape);
        Loss();
        layer.Backward(x, y, r, dx, training);
        afterBackward?.Invoke(layer);

        var worst = 0.0;
        var worstName = "nothing";
        var count = 0;
        void Probe(string what, float[] values, float[] analytic)
        {
            foreach (var i in Indices(values.Length, maxPerArray, rng))
            {
                var keep = values[i];
                values[i] = keep + Eps;
                var plus = Loss();
                values[i] = keep - Eps;
                var minus = Loss();
                values[i] = keep;
                var numeric = (plus - minus) / (2 * Eps);
                var a = (double)analytic[i];
                var ratio = Math.Abs(a - numeric) / (AbsTol + (RelTol * Math.Max(Math.Abs(a), Math.Abs(numeric))));
                count++;
                if (ratio > worst)
                {
                    worst = ratio;
                    worstName = $"{what}[{i}]: analytic {a:G5}, numeric {numeric:G5}";
                }
            }
        }

        Probe("input", x.Data, dx.Data);
        foreach (var p in layer.Parameters)
        {
            Probe(p.Name, p.Value, p.Grad);
        }

        return new Result(worst, worstName, count);
    }

    /// <summary>All indices when few, else a seeded random subset that always includes the first and last.</summary>
    internal static IEnumerable<int> Indices(int length, int max, Rng rng)
    {
        if (length <= max)
        {
            return Enumerable.Range(0, length);
        }

        var set = new SortedSet<int> { 0, length - 1 };
        while (set.Count < max)
        {
            set.Add(rng.NextInt(length));
        }

        return set;
    }

    /// <summary>Inputs at least 0.05 away from zero (ReLU's kink), random sign.</summary>
    public static float AwayFromZero(Rng rng, int _) =>
        (rng.NextFloat() < 0.5f ? -1f : 1f) * (0.05f + MathF.Abs(rng.NextGaussian()));

    /// <summary>Distinct values 0.05 apart in a random order (no ties within eps in max pooling).</summary>
    public static Func<Rng, int, float> Distinct(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var rng = new Rng((ulong)seed);
        for (var i = count - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return (_, i) => (order[i] - (count / 2)) * 0.05f;
    }
}
