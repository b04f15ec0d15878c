using Trainer.Engine.Layers;

namespace Trainer.Engine.Models;

/// <summary>
/// A DS-CNN-style keyword model: a strided 3x3 convolution, blocks of depthwise 3x3 + pointwise 1x1 (each followed
/// by batch norm and ReLU), global average pooling and a linear classifier. Convolutions have no bias (batch norm
/// follows them, and folds into them on export).
/// </summary>
internal static class DsCnn
{
    /// <summary>Makes the (unbuilt) model.</summary>
    /// <param name="classes">Output classes.</param>
    /// <param name="channels">Channels of every block.</param>
    /// <param name="blocks">Depthwise-separable blocks.</param>
    /// <param name="dropout">Dropout rate before the classifier (0 for none).</param>
    public static Sequential Create(int classes, int channels = 64, int blocks = 4, float dropout = 0f)
    {
        var layers = new List<Layer>
        {
            new Conv2d(1, channels, kernel: 3, stride: 2, padding: 1, bias: false),
            new BatchNorm2d(channels),
            new ReLU(),
        };
        for (var b = 0; b < blocks; b++)
        {
            layers.Add(new DepthwiseConv2d(channels, kernel: 3, stride: 1, padding: 1, bias: false));
            layers.Add(new BatchNorm2d(channels));
            layers.Add(new ReLU());
            layers.Add(new Conv2d(channels, channels, kernel: 1, bias: false));
            layers.Add(new BatchNorm2d(channels));
            layers.Add(new ReLU());
        }

        layers.AddRange(ClassifierHead.Layers(channels, classes, dropout));
        return new Sequential([.. layers]);
    }
}
