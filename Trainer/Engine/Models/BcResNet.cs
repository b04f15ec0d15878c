using Trainer.Engine.Layers;

namespace Trainer.Engine.Models;

/// <summary>
/// BC-ResNet (Kim et al., "Broadcasted Residual Learning for Efficient Keyword Spotting", 2021) on the log-mel image
/// [1, time, frequency]: a 5x5 convolution strided by 2 over frequency (16c channels), four
/// stages of <see cref="BroadcastResidual"/> blocks (2, 2, 4, 4 blocks of 8c, 12c, 16c, 20c channels; the first of
/// each stage a transition with a 1x1 convolution, those of stages 2 and 3 strided by 2 over frequency), a 5x5
/// depthwise convolution over the last frequency bands, a 1x1 convolution to 32c channels, global average pooling and
/// a linear classifier. Here <c>width</c> is 8c (the first stage's channels; 8 for BC-ResNet-1, 16 for BC-ResNet-2).
/// Two simplifications, for the engine's layers: SubSpectral Norm is plain batch norm, and the temporal convolutions,
/// dilated 1, 2, 4, 8 in the paper, are undilated depthwise convolutions spanning the same 3, 5, 9, 17 frames; ReLU
/// replaces Swish.
/// </summary>
internal static class BcResNet
{
    /// <summary>Makes the (unbuilt) model for an input [1, frames, mels].</summary>
    /// <param name="classes">Output classes.</param>
    /// <param name="mels">Mel bands of the input (the last depthwise convolution spans what is left of them after the strides, 5 of 40).</param>
    /// <param name="width">Channels of the first stage (8c).</param>
    /// <param name="dropout">Dropout in the temporal chains and before the classifier (0 for none).</param>
    public static Sequential Create(int classes, int mels, int width = 16, float dropout = 0.1f)
    {
        if (width < 2 || width % 2 != 0)
        {
            throw new ArgumentException($"bc-resnet: width must be an even number of at least 2 (got {width}).");
        }

        var unit = width / 8.0;
        int Channels(double times) => Math.Max(1, (int)Math.Round(unit * times));
        var stem = Channels(16);
        var layers = new List<Layer>
        {
            new Conv2d(1, stem, new ConvGeometry(5, 5, 1, 2, 2, 2), bias: false),
            new BatchNorm2d(stem),
            new ReLU(),
        };
        var c = stem;
        (double Times, int Blocks, int FreqStride, int Span)[] stages = [(8, 2, 1, 3), (12, 2, 2, 5), (16, 4, 2, 9), (20, 4, 1, 17)];
        foreach (var (times, blocks, stride, span) in stages)
        {
            var channels = Channels(times);
            for (var b = 0; b < blocks; b++)
            {
                layers.Add(Block(c, channels, b == 0 ? stride : 1, span, b == 0, dropout));
                c = channels;
            }
        }

        var head = Channels(32);
        var bands = (((mels + 1) / 2) + 1) / 2;   // after the stem's stride and stage 2's
        bands = (bands + 1) / 2;                   // and stage 3's
        layers.Add(new DepthwiseConv2d(c, new ConvGeometry(5, Math.Min(5, bands), 1, 1, 2, 0), bias: false));
        layers.Add(new Conv2d(c, head, kernel: 1, bias: false));
        layers.Add(new BatchNorm2d(head));
        layers.Add(new ReLU());
        layers.AddRange(ClassifierHead.Layers(head, classes, dropout));
        return new Sequential([.. layers]);
    }

    private static BroadcastResidual Block(int inChannels, int channels, int freqStride, int span, bool transition, float dropout)
    {
        Layer[] pre = transition ? [new Conv2d(inChannels, channels, kernel: 1, bias: false), new BatchNorm2d(channels), new ReLU()] : [];
        Layer[] freq =
        [
            new DepthwiseConv2d(channels, new ConvGeometry(1, 3, 1, freqStride, 0, 1), bias: false),
            new BatchNorm2d(channels),
        ];
        var time = new List<Layer>
        {
            new DepthwiseConv2d(channels, new ConvGeometry(span, 1, 1, 1, span / 2, 0), bias: false),
            new BatchNorm2d(channels),
            new ReLU(),
            new Conv2d(channels, channels, kernel: 1, bias: false),
        };
        if (dropout > 0)
        {
            time.Add(new Dropout(dropout));
        }

        return new BroadcastResidual(pre, freq, time, identity: !transition);
    }
}
