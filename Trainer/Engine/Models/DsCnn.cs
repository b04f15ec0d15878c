using Trainer.Engine.Layers;

namespace Trainer.Engine.Models;

/// <summary>
/// A DS-CNN-style keyword model: a strided 3x3 convolution, blocks of depthwise 3x3 + pointwise 1x1 (each followed
/// by batch norm and ReLU), global average pooling and a linear classifier. Convolutions have no bias (batch norm
/// follows them, and folds into them on export).
/// <para>
/// Streamable (<c>streamable: true</c>): no stride and no padding along time (the first convolution strides 2 along
/// frequency only), so each output frame depends on the frames up to its own; on a 98-frame window the pooled map is
/// the last 88 frames. The streaming export keeps each convolution's last 2 input frames as state.
/// </para>
/// </summary>
internal static class DsCnn
{
    /// <summary>Makes the (unbuilt) model.</summary>
    /// <param name="classes">Output classes.</param>
    /// <param name="channels">Channels of every block.</param>
    /// <param name="blocks">Depthwise-separable blocks.</param>
    /// <param name="dropout">Dropout rate before the classifier (0 for none).</param>
    /// <param name="streamable">No stride or padding along time (see above).</param>
    public static Sequential Create(int classes, int channels = 64, int blocks = 4, float dropout = 0f, bool streamable = false)
    {
        var first = streamable ? new ConvGeometry(3, 3, 1, 2, 0, 1) : ConvGeometry.Square(3, 2, 1);
        var depthwise = streamable ? new ConvGeometry(3, 3, 1, 1, 0, 1) : ConvGeometry.Square(3, 1, 1);
        var layers = new List<Layer>
        {
            new Conv2d(1, channels, first, bias: false),
            new BatchNorm2d(channels),
            new ReLU(),
        };
        for (var b = 0; b < blocks; b++)
        {
            layers.Add(new DepthwiseConv2d(channels, depthwise, bias: false));
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
