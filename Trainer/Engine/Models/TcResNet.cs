using Trainer.Engine.Layers;

namespace Trainer.Engine.Models;

/// <summary>
/// TC-ResNet (Choi et al., "Temporal Convolution for Real-time Keyword Spotting on Mobile Devices", 2019): the mel
/// bands become the channels of a one-column image (<see cref="SwapChannelsAndWidth"/>), so every convolution runs
/// along time only (k x 1) over all bands at once. A 3 x 1 stem, then residual blocks of two 9 x 1 convolutions
/// (the first strided by 2 in the first block of each stage), each with batch norm, and a 1 x 1 convolution with
/// batch norm and ReLU on the shortcut where the shape changes; global average pooling and a linear classifier.
/// TC-ResNet8 has three stages of one block, TC-ResNet14 three of two; the paper's channels are 16 (stem) and 24,
/// 32, 48 (stages), times a width multiplier. Here <c>width</c> is the first stage's channels (24 for the paper's
/// multiplier 1, 36 for 1.5); the stem has 2/3 of it and the later stages 4/3 and 2 times it.
/// </summary>
internal static class TcResNet
{
    /// <summary>Makes the (unbuilt) model for an input [1, frames, mels].</summary>
    /// <param name="classes">Output classes.</param>
    /// <param name="mels">Mel bands of the input (the channels after the swap).</param>
    /// <param name="width">Channels of the first stage.</param>
    /// <param name="blocksPerStage">1 for TC-ResNet8, 2 for TC-ResNet14.</param>
    /// <param name="dropout">Dropout before the classifier (0 for none).</param>
    /// <param name="kernel">Temporal kernel of the blocks (9 in the paper).</param>
    public static Sequential Create(int classes, int mels, int width = 24, int blocksPerStage = 1, float dropout = 0f, int kernel = 9)
    {
        if (width < 3 || blocksPerStage < 1 || kernel < 1 || kernel % 2 == 0)
        {
            throw new ArgumentException($"tc-resnet: width must be at least 3, blocks per stage at least 1 and the kernel odd (got {width}, {blocksPerStage}, {kernel}).");
        }

        var stem = Math.Max(1, (width * 2) / 3);
        var layers = new List<Layer>
        {
            new SwapChannelsAndWidth(),
            new Conv2d(mels, stem, new ConvGeometry(3, 1, 1, 1, 1, 0), bias: false),
            new BatchNorm2d(stem),
            new ReLU(),
        };
        var channels = stem;
        foreach (var stage in new[] { width, (width * 4) / 3, width * 2 })
        {
            for (var b = 0; b < blocksPerStage; b++)
            {
                var stride = b == 0 ? 2 : 1;
                layers.Add(Block(channels, stage, stride, kernel));
                channels = stage;
            }
        }

        layers.AddRange(ClassifierHead.Layers(channels, classes, dropout));
        return new Sequential([.. layers]);
    }

    private static Residual Block(int inChannels, int outChannels, int stride, int kernel)
    {
        var pad = kernel / 2;
        Layer[] main =
        [
            new Conv2d(inChannels, outChannels, new ConvGeometry(kernel, 1, stride, 1, pad, 0), bias: false),
            new BatchNorm2d(outChannels),
            new ReLU(),
            new Conv2d(outChannels, outChannels, new ConvGeometry(kernel, 1, 1, 1, pad, 0), bias: false),
            new BatchNorm2d(outChannels),
        ];
        Layer[] shortcut = stride == 1 && inChannels == outChannels
            ? []
            : [new Conv2d(inChannels, outChannels, new ConvGeometry(1, 1, stride, 1, 0, 0), bias: false), new BatchNorm2d(outChannels), new ReLU()];
        return new Residual(main, shortcut);
    }
}
