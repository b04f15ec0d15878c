using Trainer.Engine;
using Trainer.Engine.Optim;

namespace Trainer.Tests.Engine;

public class OptimizerTests
{
    [Fact]
    public void AdamWMatchesTwoHandComputedSteps()
    {
        var w = new Parameter("weight", [2], applyWeightDecay: true);
        var b = new Parameter("bias", [1], applyWeightDecay: false);
        w.Value[0] = 1f;
        w.Value[1] = -2f;
        b.Value[0] = 0.5f;
        var adam = Adam.AdamW([w, b], weightDecay: 0.1f, beta1: 0.9f, beta2: 0.999f, epsilon: 1e-8f);

        // Step 1, lr 0.01, g = (0.5, -1), gb = 0.2. m = 0.1 g, v = 0.001 g^2, mhat = g, vhat = g^2:
        // the Adam step is lr * g / (|g| + eps) = lr * sign(g); decay first scales w by (1 - lr * wd) = 0.999.
        w.Grad[0] = 0.5f;
        w.Grad[1] = -1f;
        b.Grad[0] = 0.2f;
        adam.Step(0.01f);
        Assert.Equal((1 * 0.999) - 0.01, w.Value[0], 6);
        Assert.Equal((-2 * 0.999) + 0.01, w.Value[1], 6);
        Assert.Equal(0.5 - 0.01, b.Value[0], 6); // no decay on biases

        // Step 2, lr 0.02, g0 = 0.25: m = 0.9 * 0.05 + 0.1 * 0.25 = 0.07, v = 0.999 * 0.00025 + 0.001 * 0.0625 = 0.00031225,
        // mhat = 0.07 / 0.19, vhat = 0.00031225 / (1 - 0.999^2).
        w.Grad[0] = 0.25f;
        w.Grad[1] = 0f;
        b.Grad[0] = 0f;
        var before = w.Value[0];
        adam.Step(0.02f);
        var mhat = 0.07 / 0.19;
        var vhat = 0.00031225 / (1 - (0.999 * 0.999));
        var expected = (before * (1 - (0.02 * 0.1))) - (0.02 * mhat / (Math.Sqrt(vhat) + 1e-8));
        Assert.Equal(expected, w.Value[0], 6);
        Assert.Equal(2, adam.StepCount);
    }

    [Fact]
    public void CoupledAdamDecayDiffersFromDecoupled()
    {
        Parameter Make()
        {
            var p = new Parameter("weight", [1], applyWeightDecay: true);
            p.Value[0] = 3f;
            p.Grad[0] = 0.1f;
            return p;
        }

        var coupled = Make();
        var decoupled = Make();
        new Adam([coupled], weightDecay: 0.5f).Step(0.01f);
        Adam.AdamW([decoupled], weightDecay: 0.5f).Step(0.01f);

        // Coupled: g' = 0.1 + 0.5 * 3 = 1.6 and the first step is lr * sign(g') = 0.01.
        Assert.Equal(3 - 0.01, coupled.Value[0], 6);
        Assert.Equal((3 * (1 - 0.005)) - 0.01, decoupled.Value[0], 6);
    }

    [Fact]
    public void ScheduleWarmsUpLinearlyThenDecaysByCosine()
    {
        var s = new WarmupCosineSchedule(peakLearningRate: 1e-2f, warmupSteps: 4, totalSteps: 14, finalLearningRate: 1e-3f);
        Assert.Equal(0.25e-2f, s.At(0), 6);
        Assert.Equal(0.5e-2f, s.At(1), 6);
        Assert.Equal(1e-2f, s.At(3), 6);
        Assert.Equal(1e-2f, s.At(4), 6);
        Assert.Equal(1e-3 + (0.5 * 9e-3 * (1 + Math.Cos(Math.PI * 0.5))), s.At(9), 6);
        Assert.Equal(1e-3 + (0.5 * 9e-3 * (1 + Math.Cos(Math.PI * 0.3))), s.At(7), 6);
        Assert.Equal(1e-3f, s.At(14), 6);
        Assert.Equal(1e-3f, s.At(100), 6);
        for (var i = 5; i < 14; i++)
        {
            Assert.True(s.At(i) < s.At(i - 1), $"not decreasing at step {i}");
        }
    }

    [Fact]
    public void ClippingScalesToTheGlobalNorm()
    {
        var a = new Parameter("a", [2], true);
        var b = new Parameter("b", [1], false);
        a.Grad[0] = 3f;
        a.Grad[1] = 0f;
        b.Grad[0] = 4f;
        Assert.Equal(5f, GradientClipping.ClipByGlobalNorm([a, b], 1f), 5);
        Assert.Equal(0.6f, a.Grad[0], 5);
        Assert.Equal(0.8f, b.Grad[0], 5);
        Assert.Equal(1f, GradientClipping.ClipByGlobalNorm([a, b], 10f), 5);
        Assert.Equal(0.6f, a.Grad[0], 5); // under the limit: unchanged
    }
}
