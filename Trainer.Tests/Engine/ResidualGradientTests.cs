using Trainer.Engine;
using Trainer.Engine.Layers;

namespace Trainer.Tests.Engine;

/// <summary>Finite-difference checks of the layers that residual keyword models (TC-ResNet, MatchboxNet) need.</summary>
public class ResidualGradientTests
{
    [Fact]
    public void SwapChannelsAndWidth() =>
        GradientChecker.AssertPasses(GradientChecker.Check(new SwapChannelsAndWidth(), new SampleShape(2, 5, 3), batch: 3, training: true));

    [Fact]
    public void SwapChannelsAndWidthMovesEveryValueWhereOnnxTransposePutsIt()
    {
        var layer = new SwapChannelsAndWidth();
        layer.Build(new SampleShape(2, 3, 4), 1, new BatchParallel(1));
        Assert.Equal(new SampleShape(4, 3, 2), layer.OutputShape);
        var x = new Tensor(1, layer.InputShape);
        for (var i = 0; i < x.Length; i++)
        {
            x.Data[i] = i;
        }

        var y = new Tensor(1, layer.OutputShape);
        layer.Forward(x, y, training: false);
        for (var c = 0; c < 2; c++)
        {
            for (var h = 0; h < 3; h++)
            {
                for (var w = 0; w < 4; w++)
                {
                    Assert.Equal(x.Data[(((c * 3) + h) * 4) + w], y.Data[(((w * 3) + h) * 2) + c]);
                }
            }
        }
    }

    [Fact]
    public void CropTime() =>
        GradientChecker.AssertPasses(GradientChecker.Check(new CropTime(3), new SampleShape(2, 7, 3), batch: 3, training: true));

    [Fact]
    public void CropTimeKeepsTheNewestRowsOfEveryPlane()
    {
        var layer = new CropTime(2);
        layer.Build(new SampleShape(2, 5, 3), 1, new BatchParallel(1));
        Assert.Equal(new SampleShape(2, 3, 3), layer.OutputShape);
        var x = new Tensor(1, layer.InputShape);
        for (var i = 0; i < x.Length; i++)
        {
            x.Data[i] = i;
        }

        var y = new Tensor(1, layer.OutputShape);
        layer.Forward(x, y, training: false);
        Assert.Equal([6, 7, 8, 9, 10, 11, 12, 13, 14, 21, 22, 23, 24, 25, 26, 27, 28, 29], y.Data.Select(v => (int)v));
    }

    /// <summary>The streamable DS-CNN's convolutions: unpadded along time, padded along frequency, the first strided along frequency only.</summary>
    [Fact]
    public void StreamableDsCnnConvolutions()
    {
        GradientChecker.AssertPasses(GradientChecker.Check(new Conv2d(1, 3, new ConvGeometry(3, 3, 1, 2, 0, 1)), new SampleShape(1, 7, 8), batch: 2, training: true));
        GradientChecker.AssertPasses(GradientChecker.Check(new DepthwiseConv2d(3, new ConvGeometry(3, 3, 1, 1, 0, 1)), new SampleShape(3, 7, 4), batch: 2, training: true));
    }

    /// <summary>The streamable MatchboxNet's long unpadded kernels along time (the vectorized stride-1 path).</summary>
    [Theory]
    [InlineData(13, 20)]
    [InlineData(29, 40)]
    public void LongUnpaddedDepthwiseKernelsAlongTime(int kernel, int frames) =>
        GradientChecker.AssertPasses(GradientChecker.Check(new DepthwiseConv2d(4, new ConvGeometry(kernel, 1, 1, 1, 0, 0)), new SampleShape(4, frames, 1), batch: 2, training: true));

    /// <summary>An unpadded convolution along time with its shortcut cropped to match: the streamable blocks.</summary>
    [Fact]
    public void ValidConvolutionWithACroppedShortcut()
    {
        var block = new Residual([new DepthwiseConv2d(3, new ConvGeometry(3, 1, 1, 1, 0, 0))], [new CropTime(2), new Conv2d(3, 3, kernel: 1)], reluAfterAdd: false);
        GradientChecker.AssertPasses(GradientChecker.Check(block, new SampleShape(3, 8, 1), batch: 2, training: true));
    }

    [Fact]
    public void IdentityShortcut()
    {
        var block = new Residual([new Conv2d(3, 3, new ConvGeometry(3, 1, 1, 1, 1, 0), bias: true)], [], reluAfterAdd: false);
        GradientChecker.AssertPasses(GradientChecker.Check(block, new SampleShape(3, 7, 1), batch: 3, training: true));
    }

    /// <summary>
    /// The ReLU after the sum is checked against the block without it followed by a ReLU layer (both checked by finite
    /// differences on their own): a finite-difference probe of the fused block would move some sums across 0.
    /// </summary>
    [Fact]
    public void TheReluAfterTheSumActsAsAReluLayerAfterTheBlock()
    {
        static Trainer.Engine.Models.Sequential Make(bool fused) => fused
            ? new([new Residual([new Conv2d(3, 3, new ConvGeometry(3, 1, 1, 1, 1, 0))], [], reluAfterAdd: true)])
            : new([new Residual([new Conv2d(3, 3, new ConvGeometry(3, 1, 1, 1, 1, 0))], [], reluAfterAdd: false), new ReLU()]);
        var shape = new SampleShape(3, 7, 1);
        var (fused, split) = (Make(true), Make(false));
        foreach (var m in new[] { fused, split })
        {
            m.Build(shape, 4, 2);
            m.InitializeWeights(3);
        }

        var rng = new Rng(5);
        var x = new Tensor(4, shape);
        var dy = new Tensor(4, shape);
        for (var i = 0; i < x.Length; i++)
        {
            (x.Data[i], dy.Data[i]) = (rng.NextGaussian(), rng.NextGaussian());
        }

        var outputs = new List<float[]>();
        var inputGrads = new List<float[]>();
        var weightGrads = new List<float[]>();
        foreach (var m in new[] { fused, split })
        {
            m.ZeroGrad();
            outputs.Add(m.Forward(x).Span.ToArray());
            var dx = new Tensor(4, shape);
            m.Backward(dy, dx);
            inputGrads.Add(dx.Span.ToArray());
            weightGrads.Add([.. m.Parameters.SelectMany(p => p.Grad)]);
        }

        Assert.Contains(outputs[0], v => v == 0);
        Assert.Contains(outputs[0], v => v > 0);
        Assert.Equal(outputs[1], outputs[0]);
        Assert.Equal(inputGrads[1], inputGrads[0]);
        Assert.Equal(weightGrads[1], weightGrads[0]);
    }

    [Fact]
    public void ProjectionShortcutWithBatchNormAndStride()
    {
        var block = new Residual(
            [new Conv2d(4, 5, new ConvGeometry(3, 1, 2, 1, 1, 0), bias: false), new BatchNorm2d(5), new ReLU(), new Conv2d(5, 5, new ConvGeometry(3, 1, 1, 1, 1, 0), bias: false), new BatchNorm2d(5)],
            [new Conv2d(4, 5, new ConvGeometry(1, 1, 2, 1, 0, 0), bias: false), new BatchNorm2d(5)],
            reluAfterAdd: false);
        GradientChecker.AssertPasses(GradientChecker.Check(block, new SampleShape(4, 9, 1), batch: 4, training: true));
    }

    [Fact]
    public void SeparableBranchAlongTime()
    {
        var block = new Residual(
            [new DepthwiseConv2d(4, new ConvGeometry(5, 1, 1, 1, 2, 0), bias: false), new Conv2d(4, 3, kernel: 1, bias: false), new BatchNorm2d(3)],
            [new Conv2d(4, 3, kernel: 1, bias: false), new BatchNorm2d(3)],
            reluAfterAdd: false);
        GradientChecker.AssertPasses(GradientChecker.Check(block, new SampleShape(4, 11, 1), batch: 3, training: true));
    }

    [Fact]
    public void BranchesThatDisagreeOnShapeAreRefusedAtBuild()
    {
        var block = new Residual([new Conv2d(3, 4, kernel: 1)], []);
        var e = Assert.Throws<ArgumentException>(() => block.Build(new SampleShape(3, 5, 1), 2, new BatchParallel(1)));
        Assert.Contains("shortcut", e.Message);
    }

    [Fact]
    public void NestedBlocksKeepDistinctParameterNames()
    {
        var inner = new Residual([new Conv2d(2, 2, kernel: 1), new BatchNorm2d(2)], []);
        var outer = new Residual([inner, new Conv2d(2, 2, kernel: 1)], [new Conv2d(2, 2, kernel: 1)]);
        var model = new Trainer.Engine.Models.Sequential(outer, new Flatten());
        model.Build(new SampleShape(2, 3, 1), 2, 1);
        var names = model.Parameters.Select(p => p.Name).Concat(model.Buffers.Select(b => b.Name)).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("0.res.main0-res-main0-conv-weight", names);
        Assert.Contains("0.res.main0-res-main1-bn-running_mean", names);
        Assert.Contains("0.res.short0-conv-bias", names);
    }

    [Fact]
    public void BroadcastResidualNormalBlockWithoutItsRelu()
    {
        var block = new BroadcastResidual(
            [],
            [new DepthwiseConv2d(3, new ConvGeometry(1, 3, 1, 1, 0, 1), bias: false), new BatchNorm2d(3)],
            [new DepthwiseConv2d(3, new ConvGeometry(3, 1, 1, 1, 1, 0), bias: true), new Conv2d(3, 3, kernel: 1)],
            identity: true, reluAfterAdd: false);
        GradientChecker.AssertPasses(GradientChecker.Check(block, new SampleShape(3, 5, 4), batch: 3, training: true, inputValue: GradientChecker.AwayFromZero));
    }

    [Fact]
    public void BroadcastResidualTransitionStridedOverFrequencyWithoutItsRelu()
    {
        var block = new BroadcastResidual(
            [new Conv2d(2, 3, kernel: 1, bias: true)],
            [new DepthwiseConv2d(3, new ConvGeometry(1, 3, 1, 2, 0, 1), bias: true)],
            [new DepthwiseConv2d(3, new ConvGeometry(3, 1, 1, 1, 1, 0), bias: true)],
            identity: false, reluAfterAdd: false);
        block.Build(new SampleShape(2, 5, 6), 3, new BatchParallel(2));
        Assert.Equal(new SampleShape(3, 5, 3), block.OutputShape);
        GradientChecker.AssertPasses(GradientChecker.Check(block, new SampleShape(2, 5, 6), batch: 3, training: true, inputValue: GradientChecker.AwayFromZero));
    }

    [Fact]
    public void BroadcastResidualAddsItsInputWhenItKeepsTheShape()
    {
        // Zero weights: x2 = 0 and t = 0, so y = relu(x): the identity path alone.
        var block = new BroadcastResidual(
            [],
            [new DepthwiseConv2d(2, new ConvGeometry(1, 3, 1, 1, 0, 1), bias: false)],
            [new Conv2d(2, 2, kernel: 1, bias: false)],
            identity: true);
        block.Build(new SampleShape(2, 3, 4), 1, new BatchParallel(1));
        var x = new Tensor(1, block.InputShape);
        for (var i = 0; i < x.Length; i++)
        {
            x.Data[i] = i % 3 == 0 ? -1f : i;
        }

        var y = new Tensor(1, block.OutputShape);
        block.Forward(x, y, training: false);
        Assert.Equal(x.Span.ToArray().Select(v => Math.Max(v, 0f)), y.Span.ToArray());
        var wrong = new BroadcastResidual([], [new DepthwiseConv2d(2, new ConvGeometry(1, 3, 1, 2, 0, 1))], [new Conv2d(2, 2, kernel: 1)], identity: true);
        Assert.Contains("identity block", Assert.Throws<ArgumentException>(() => wrong.Build(new SampleShape(2, 3, 4), 1, new BatchParallel(1))).Message);
    }

    /// <summary>As for <see cref="Residual"/>: the fused ReLU must act exactly as a ReLU layer after the block without it.</summary>
    [Fact]
    public void TheBroadcastBlocksReluActsAsAReluLayerAfterIt()
    {
        static Trainer.Engine.Models.Sequential Make(bool fused)
        {
            var block = new BroadcastResidual([], [new DepthwiseConv2d(2, new ConvGeometry(1, 3, 1, 1, 0, 1))], [new Conv2d(2, 2, kernel: 1)], identity: true, reluAfterAdd: fused);
            return fused ? new([block]) : new([block, new ReLU()]);
        }

        var shape = new SampleShape(2, 4, 5);
        var (fused, split) = (Make(true), Make(false));
        foreach (var m in new[] { fused, split })
        {
            m.Build(shape, 3, 2);
            m.InitializeWeights(4);
        }

        var rng = new Rng(6);
        var x = new Tensor(3, shape);
        var dy = new Tensor(3, shape);
        for (var i = 0; i < x.Length; i++)
        {
            (x.Data[i], dy.Data[i]) = (rng.NextGaussian(), rng.NextGaussian());
        }

        var results = new[] { fused, split }.Select(m =>
        {
            m.ZeroGrad();
            var y = m.Forward(x).Span.ToArray();
            var dx = new Tensor(3, shape);
            m.Backward(dy, dx);
            return (Y: y, Dx: dx.Span.ToArray(), Dw: m.Parameters.SelectMany(p => p.Grad).ToArray());
        }).ToList();
        Assert.Contains(results[0].Y, v => v == 0);
        Assert.Equal(results[1].Y, results[0].Y);
        Assert.Equal(results[1].Dx, results[0].Dx);
        Assert.Equal(results[1].Dw, results[0].Dw);
    }
}
