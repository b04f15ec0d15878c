using Trainer.Engine;
using Trainer.Engine.Layers;
using Trainer.Engine.Losses;
using Trainer.Engine.Models;
using Trainer.Engine.Optim;

namespace Trainer.Tests.Engine;

public class TrainingTests
{
    private static readonly SampleShape Input = new(1, 8, 8);

    private static Sequential TinyModel() => new(
        new Conv2d(1, 6, 3, padding: 1, bias: false),
        new BatchNorm2d(6),
        new ReLU(),
        new MaxPool2d(2),
        new DepthwiseConv2d(6, 3, padding: 1, bias: false),
        new BatchNorm2d(6),
        new ReLU(),
        new Conv2d(6, 8, 1),
        new ReLU(),
        new GlobalAvgPool(),
        new Dropout(0.1f),
        new Flatten(),
        new Linear(8, 2));

    /// <summary>Class 0: a horizontal bar; class 1: a vertical bar; at a random place, with noise.</summary>
    private static (Tensor X, int[] Labels) Bars(int n, int seed)
    {
        var rng = new Rng((ulong)seed);
        var x = new Tensor(n, Input);
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % 2;
            var e = x.Example(i);
            for (var j = 0; j < e.Length; j++)
            {
                e[j] = 0.3f * rng.NextGaussian();
            }

            var at = 1 + rng.NextInt(6);
            for (var t = 1; t < 7; t++)
            {
                e[labels[i] == 0 ? (at * 8) + t : (t * 8) + at] += 1.5f;
            }
        }

        return (x, labels);
    }

    private static (float First, float Last) Train(Sequential model, Tensor x, int[] labels, int steps, int seed, int threads)
    {
        model.Build(Input, x.N, threads);
        model.InitializeWeights(seed);
        var loss = new SoftmaxCrossEntropy(2, labelSmoothing: 0.05f);
        var grad = new Tensor(x.N, model.OutputShape);
        var adam = Adam.AdamW(model.Parameters, weightDecay: 1e-3f);
        var schedule = new WarmupCosineSchedule(0.02f, Math.Min(3, steps - 1), steps);
        float first = 0, last = 0;
        for (var s = 0; s < steps; s++)
        {
            model.ZeroGrad();
            last = loss.Compute(model.Forward(x), labels, grad);
            if (s == 0)
            {
                first = last;
            }

            model.Backward(grad);
            GradientClipping.ClipByGlobalNorm(model.Parameters, 5f);
            adam.Step(schedule.At(s));
        }

        return (first, last);
    }

    private static float[] Weights(Sequential model) =>
        model.Parameters.SelectMany(p => p.Value).Concat(model.Buffers.SelectMany(b => b.Data)).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void SameSeedAndThreadsGiveIdenticalWeights(int threads)
    {
        var (x, labels) = Bars(16, 1);
        var a = TinyModel();
        var b = TinyModel();
        var c = TinyModel();
        Train(a, x, labels, 5, seed: 7, threads);
        Train(b, x, labels, 5, seed: 7, threads);
        Train(c, x, labels, 5, seed: 8, threads);
        Assert.Equal(Weights(a), Weights(b));
        Assert.NotEqual(Weights(a), Weights(c));
    }

    [Fact]
    public void ParallelBatchAgreesWithSerialUpToRounding()
    {
        var (x, labels) = Bars(16, 2);
        var serial = TinyModel();
        var parallel = TinyModel();
        Train(serial, x, labels, 3, seed: 3, threads: 1);
        Train(parallel, x, labels, 3, seed: 3, threads: 4);
        var s = Weights(serial);
        var p = Weights(parallel);
        for (var i = 0; i < s.Length; i++)
        {
            Assert.True(Math.Abs(s[i] - p[i]) <= 1e-3f * (1 + Math.Abs(s[i])), $"value {i}: serial {s[i]}, parallel {p[i]}");
        }
    }

    [Fact]
    public void TinyModelLearnsBars()
    {
        var (x, labels) = Bars(32, 3);
        var model = TinyModel();
        var (first, last) = Train(model, x, labels, 60, seed: 1, threads: 2);
        Assert.True(last < 0.35f * first, $"loss went from {first} to {last}");

        var (test, testLabels) = Bars(32, 4);
        model.Eval();
        var logits = new float[2];
        var correct = 0;
        for (var i = 0; i < test.N; i++)
        {
            model.Predict(test.Example(i), logits);
            correct += SoftmaxCrossEntropy.ArgMax(logits) == testLabels[i] ? 1 : 0;
        }

        Assert.True(correct >= 28, $"only {correct}/32 held-out examples right");
    }

    [Fact]
    public void PredictMatchesEvalBatchForward()
    {
        var (x, labels) = Bars(8, 5);
        var model = TinyModel();
        Train(model, x, labels, 3, seed: 2, threads: 2);
        model.Eval();
        var batch = model.Forward(x).Span.ToArray();
        var one = new float[2];
        model.Train();
        for (var i = 0; i < x.N; i++)
        {
            model.Predict(x.Example(i), one);
            Assert.Equal(batch[2 * i], one[0], 5);
            Assert.Equal(batch[(2 * i) + 1], one[1], 5);
        }

        Assert.True(model.Training, "Predict must not change the mode");
    }
}
