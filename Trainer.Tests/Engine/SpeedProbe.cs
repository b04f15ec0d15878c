using System.Diagnostics;
using Trainer.Engine;
using Trainer.Engine.Losses;
using Trainer.Engine.Models;
using Trainer.Engine.Optim;

namespace Trainer.Tests.Engine;

/// <summary>Times full training steps (forward, loss, backward, AdamW) on random data.</summary>
internal static class SpeedProbe
{
    /// <summary>The result: mean and fastest milliseconds per step and the losses seen.</summary>
    /// <param name="MillisecondsPerStep">Mean wall time of a timed step.</param>
    /// <param name="FastestMilliseconds">The fastest timed step (the best estimate on a shared CPU).</param>
    /// <param name="FirstLoss">Loss of the first timed step.</param>
    /// <param name="LastLoss">Loss of the last timed step.</param>
    internal readonly record struct Result(double MillisecondsPerStep, double FastestMilliseconds, float FirstLoss, float LastLoss);

    /// <summary>
    /// Builds <paramref name="model"/> for <paramref name="input"/> and <paramref name="batch"/>, runs one warm-up step
    /// and then times <paramref name="steps"/> steps on one fixed random batch.
    /// </summary>
    public static Result Measure(Sequential model, SampleShape input, int batch, int steps, int? threads = null, int seed = 1)
    {
        model.Build(input, batch, threads);
        model.InitializeWeights(seed);
        var classes = model.OutputShape.Size;
        var x = new Tensor(batch, input);
        var rng = new Rng((ulong)seed);
        for (var i = 0; i < x.Length; i++)
        {
            x.Data[i] = rng.NextGaussian();
        }

        var labels = new int[batch];
        for (var i = 0; i < batch; i++)
        {
            labels[i] = rng.NextInt(classes);
        }

        var grad = new Tensor(batch, model.OutputShape);
        var loss = new SoftmaxCrossEntropy(classes);
        var adam = Adam.AdamW(model.Parameters, weightDecay: 0.01f);
        float Step()
        {
            model.ZeroGrad();
            var l = loss.Compute(model.Forward(x), labels, grad);
            model.Backward(grad);
            GradientClipping.ClipByGlobalNorm(model.Parameters, 5f);
            adam.Step(1e-3f);
            return l;
        }

        Step();
        var total = Stopwatch.StartNew();
        var fastest = double.MaxValue;
        float first = 0, last = 0;
        for (var s = 0; s < steps; s++)
        {
            var one = Stopwatch.StartNew();
            last = Step();
            fastest = Math.Min(fastest, one.Elapsed.TotalMilliseconds);
            if (s == 0)
            {
                first = last;
            }
        }

        return new Result(total.Elapsed.TotalMilliseconds / Math.Max(1, steps), steps > 0 ? fastest : 0, first, last);
    }
}
