using Trainer.Engine;
using Trainer.Engine.Layers;

namespace Trainer.Tests.Engine;

public class LayerGradientTests
{
    [Theory]
    [InlineData(3, 3, 1, 1, 1, 1, true)]
    [InlineData(3, 2, 2, 1, 1, 0, false)]
    [InlineData(5, 3, 2, 2, 2, 1, true)]
    [InlineData(1, 1, 1, 1, 0, 0, true)]
    public void Conv2d(int kh, int kw, int sh, int sw, int ph, int pw, bool bias)
    {
        var layer = new Conv2d(3, 4, new ConvGeometry(kh, kw, sh, sw, ph, pw), bias);
        GradientChecker.AssertPasses(GradientChecker.Check(layer, new SampleShape(3, 7, 6), batch: 3, training: true));
    }

    [Theory]
    [InlineData(3, 3, 1, 1, 1, 1, true)]
    [InlineData(3, 2, 2, 2, 1, 0, false)]
    [InlineData(2, 3, 1, 2, 0, 1, true)]
    public void DepthwiseConv2d(int kh, int kw, int sh, int sw, int ph, int pw, bool bias)
    {
        var layer = new DepthwiseConv2d(3, new ConvGeometry(kh, kw, sh, sw, ph, pw), bias);
        GradientChecker.AssertPasses(GradientChecker.Check(layer, new SampleShape(3, 6, 7), batch: 3, training: true));
    }

    [Fact]
    public void BatchNorm2dTraining() =>
        GradientChecker.AssertPasses(GradientChecker.Check(new BatchNorm2d(3), new SampleShape(3, 4, 5), batch: 4, training: true));

    [Fact]
    public void BatchNorm2dTrainingOnVectors() =>
        GradientChecker.AssertPasses(GradientChecker.Check(new BatchNorm2d(5), new SampleShape(5, 1, 1), batch: 6, training: true));

    [Fact]
    public void BatchNorm2dEval()
    {
        var bn = new BatchNorm2d(3);
        bn.Build(new SampleShape(3, 4, 5), 4, new BatchParallel(1));
        var result = GradientChecker.Check(bn, new SampleShape(3, 4, 5), batch: 4, training: false, beforeForward: () =>
        {
            bn.RunningMean[0] = 0.5f;
            bn.RunningMean[2] = -1f;
            bn.RunningVar[1] = 2.5f;
            bn.RunningVar[2] = 0.3f;
        });
        GradientChecker.AssertPasses(result);
    }

    [Fact]
    public void ReLU() =>
        GradientChecker.AssertPasses(GradientChecker.Check(new ReLU(), new SampleShape(2, 5, 7), batch: 3, training: true, inputValue: GradientChecker.AwayFromZero));

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 2, 1)]
    [InlineData(3, 1, 1)]
    public void MaxPool2d(int kernel, int stride, int padding)
    {
        var shape = new SampleShape(2, 6, 7);
        GradientChecker.AssertPasses(GradientChecker.Check(new MaxPool2d(kernel, stride, padding), shape, batch: 2, training: true, inputValue: GradientChecker.Distinct(2 * shape.Size, 5)));
    }

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 1, 1)]
    [InlineData(3, 2, 1)]
    public void AvgPool2d(int kernel, int stride, int padding) =>
        GradientChecker.AssertPasses(GradientChecker.Check(new AvgPool2d(kernel, stride, padding), new SampleShape(2, 6, 7), batch: 2, training: true));

    [Fact]
    public void GlobalAvgPool() =>
        GradientChecker.AssertPasses(GradientChecker.Check(new GlobalAvgPool(), new SampleShape(3, 4, 5), batch: 3, training: true));

    [Fact]
    public void Flatten() =>
        GradientChecker.AssertPasses(GradientChecker.Check(new Flatten(), new SampleShape(2, 3, 4), batch: 3, training: true));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Linear(bool bias) =>
        GradientChecker.AssertPasses(GradientChecker.Check(new Linear(7, 5, bias), new SampleShape(7, 1, 1), batch: 5, training: true, threads: 3));

    [Fact]
    public void DropoutTraining()
    {
        var dropout = new Dropout(0.4f);
        var result = GradientChecker.Check(dropout, new SampleShape(3, 4, 5), batch: 3, training: true, beforeForward: () => dropout.Reseed(11));
        GradientChecker.AssertPasses(result);
    }

    [Fact]
    public void DropoutEvalIsIdentity() =>
        GradientChecker.AssertPasses(GradientChecker.Check(new Dropout(0.5f), new SampleShape(3, 2, 2), batch: 2, training: false));
}
