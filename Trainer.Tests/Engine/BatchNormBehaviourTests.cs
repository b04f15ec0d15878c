using Trainer.Engine;
using Trainer.Engine.Layers;

namespace Trainer.Tests.Engine;

public class BatchNormBehaviourTests
{
    private static (BatchNorm2d Bn, Tensor X, Tensor Y) Make()
    {
        var bn = new BatchNorm2d(2, epsilon: 1e-5f, momentum: 0.1f);
        var shape = new SampleShape(2, 1, 2);
        bn.Build(shape, 2, new BatchParallel(2));
        var x = new Tensor(2, shape);

        // Channel 0 values: 1, 3, 5, 7 (mean 4, biased var 5, unbiased 20/3); channel 1: 10, 10, 10, 14.
        float[] v = [1, 3, 10, 10, 5, 7, 10, 14];
        v.CopyTo(x.Data, 0);
        return (bn, x, new Tensor(2, shape));
    }

    [Fact]
    public void TrainingNormalisesWithBatchStatisticsAndUpdatesRunningStats()
    {
        var (bn, x, y) = Make();
        bn.Gamma.Value[0] = 2f;
        bn.Beta.Value[0] = 0.5f;
        bn.Forward(x, y, training: true);

        var inv = 1 / Math.Sqrt(5 + 1e-5);
        Assert.Equal((2 * (1 - 4) * inv) + 0.5, y.Data[0], 5);
        Assert.Equal((2 * (7 - 4) * inv) + 0.5, y.Data[5], 5);
        Assert.Equal(0.1 * 4, bn.RunningMean[0], 6);
        Assert.Equal((0.9 * 1) + (0.1 * 20.0 / 3), bn.RunningVar[0], 5);
        Assert.Equal(0.1 * 11, bn.RunningMean[1], 5);
        Assert.Equal((0.9 * 1) + (0.1 * 4.0), bn.RunningVar[1], 5); // channel 1: biased var 3, unbiased 4

        bn.Forward(x, y, training: true);
        Assert.Equal((0.9 * 0.4) + (0.1 * 4), bn.RunningMean[0], 5);
    }

    [Fact]
    public void EvalUsesRunningStatisticsAndLeavesThemAlone()
    {
        var (bn, x, y) = Make();
        bn.RunningMean[0] = 2f;
        bn.RunningVar[0] = 4f;
        bn.Gamma.Value[0] = 3f;
        bn.Beta.Value[0] = -1f;
        bn.Forward(x, y, training: false);
        Assert.Equal((3 * (1 - 2) / Math.Sqrt(4 + 1e-5)) - 1, y.Data[0], 5);
        Assert.Equal((3 * (7 - 2) / Math.Sqrt(4 + 1e-5)) - 1, y.Data[5], 5);
        Assert.Equal(2f, bn.RunningMean[0]);
        Assert.Equal(4f, bn.RunningVar[0]);

        // Channel 1 keeps running mean 0, var 1: (almost) the identity.
        Assert.Equal(10 / Math.Sqrt(1 + 1e-5), y.Data[2], 4);
    }

    [Fact]
    public void TrainAndEvalDifferOnTheSameBatch()
    {
        var (bn, x, y) = Make();
        bn.Forward(x, y, training: true);
        var train = y.Span.ToArray();
        bn.Forward(x, y, training: false);
        Assert.NotEqual(train, y.Span.ToArray());
    }
}
