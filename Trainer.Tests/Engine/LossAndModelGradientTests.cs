using Trainer.Engine;
using Trainer.Engine.Layers;
using Trainer.Engine.Losses;
using Trainer.Engine.Models;

namespace Trainer.Tests.Engine;

/// <summary>Finite-difference checks of the loss and of a whole model (same tolerance as <see cref="GradientChecker"/>).</summary>
public class LossAndModelGradientTests
{
    [Theory]
    [InlineData(false, 0f)]
    [InlineData(true, 0f)]
    [InlineData(true, 0.1f)]
    [InlineData(false, 0.2f)]
    public void SoftmaxCrossEntropyGradient(bool weighted, float smoothing)
    {
        const int n = 5, k = 4;
        var loss = new SoftmaxCrossEntropy(k, weighted ? [1f, 2.5f, 0.5f, 1.5f] : null, smoothing);
        var rng = new Rng(3);
        var z = new Tensor(n, new SampleShape(k, 1, 1));
        for (var i = 0; i < z.Length; i++)
        {
            z.Data[i] = 2f * rng.NextGaussian();
        }

        int[] labels = [0, 1, 3, 1, 2];
        var grad = new Tensor(n, z.Shape);
        loss.Compute(z, labels, grad);
        var worst = 0.0;
        for (var i = 0; i < z.Length; i++)
        {
            var keep = z.Data[i];
            z.Data[i] = keep + GradientChecker.Eps;
            double plus = loss.Compute(z, labels, null);
            z.Data[i] = keep - GradientChecker.Eps;
            double minus = loss.Compute(z, labels, null);
            z.Data[i] = keep;
            var numeric = (plus - minus) / (2 * GradientChecker.Eps);
            var a = (double)grad.Data[i];
            worst = Math.Max(worst, Math.Abs(a - numeric) / (GradientChecker.AbsTol + (GradientChecker.RelTol * Math.Max(Math.Abs(a), Math.Abs(numeric)))));
        }

        Assert.True(worst <= 1, $"loss gradient error/tolerance {worst:F3}");
    }

    [Fact]
    public void SoftmaxCrossEntropyValueMatchesHandComputation()
    {
        var loss = new SoftmaxCrossEntropy(3, [1f, 3f, 1f], 0.3f);
        var z = new Tensor(2, new SampleShape(3, 1, 1));
        float[] values = [1f, 2f, 0.5f, -1f, 0f, 3f];
        values.CopyTo(z.Data, 0);
        int[] labels = [1, 2];

        // Per example: lse(z) - sum_k q_k z_k with q = 0.7 onehot + 0.1; weights 3 and 1, normalised by 4.
        double Lse(double a, double b, double c) => Math.Log(Math.Exp(a) + Math.Exp(b) + Math.Exp(c));
        var l0 = Lse(1, 2, 0.5) - ((0.1 * 1) + (0.8 * 2) + (0.1 * 0.5));
        var l1 = Lse(-1, 0, 3) - ((0.1 * -1) + (0.1 * 0) + (0.8 * 3));
        var expected = ((3 * l0) + l1) / 4;
        Assert.Equal(expected, loss.Compute(z, labels, null), 5);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WholeModelThroughTheLoss(bool training)
    {
        // A smaller step than the per-layer checks: here a probe moves many values at once (through batch statistics
        // and several ReLUs), so eps = 1e-2 sometimes carries one across a kink; at 1e-3 the float rounding of a loss
        // near 1 still contributes only ~1e-4 to the difference quotient, under the 5e-4 absolute tolerance.
        const float EpsM = 1e-3f;
        var model = new Sequential(
            new Conv2d(1, 4, 3, stride: 2, padding: 1, bias: false),
            new BatchNorm2d(4),
            new ReLU(),
            new DepthwiseConv2d(4, 3, padding: 1),
            new BatchNorm2d(4),
            new ReLU(),
            new Conv2d(4, 5, 1),
            new AvgPool2d(2),
            new GlobalAvgPool(),
            new Flatten(),
            new Linear(5, 3));
        var input = new SampleShape(1, 8, 7);
        model.Build(input, maxBatch: 4, threads: 2);
        model.InitializeWeights(5);
        var rng = new Rng(9);

        // Random biases and batch norm parameters: with zero biases a window of zeros after a ReLU would give an
        // exact 0 at the next ReLU, where the derivative is undefined.
        foreach (var p in model.Parameters)
        {
            for (var i = 0; i < p.Length; i++)
            {
                p.Value[i] += 0.2f * rng.NextGaussian();
            }
        }

        var x = new Tensor(4, input);
        for (var i = 0; i < x.Length; i++)
        {
            x.Data[i] = rng.NextGaussian();
        }

        int[] labels = [0, 2, 1, 2];
        var loss = new SoftmaxCrossEntropy(3);
        var grad = new Tensor(4, model.OutputShape);
        var dx = new Tensor(4, input);
        model.Training = training;
        model.ZeroGrad();
        loss.Compute(model.Forward(x), labels, grad);
        model.Backward(grad, dx);

        double Loss() => loss.Compute(model.Forward(x), labels, null);
        var worst = 0.0;
        var where = "";
        void Probe(string name, float[] values, float[] analytic)
        {
            foreach (var i in GradientChecker.Indices(values.Length, 25, rng))
            {
                var keep = values[i];
                values[i] = keep + EpsM;
                var plus = Loss();
                values[i] = keep - EpsM;
                var minus = Loss();
                values[i] = keep;
                var numeric = (plus - minus) / (2 * EpsM);
                var a = (double)analytic[i];
                var ratio = Math.Abs(a - numeric) / (GradientChecker.AbsTol + (GradientChecker.RelTol * Math.Max(Math.Abs(a), Math.Abs(numeric))));
                if (ratio > worst)
                {
                    worst = ratio;
                    where = $"{name}[{i}] analytic {a:G5} numeric {numeric:G5}";
                }
            }
        }

        Probe("input", x.Data, dx.Data);
        foreach (var p in model.Parameters)
        {
            Probe(p.Name, p.Value, p.Grad);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"worst {where} (error/tolerance {worst:F3})");
        Assert.True(worst <= 1, $"worst {where} (error/tolerance {worst:F3})");
    }
}
