using Trainer.Engine;
using Trainer.Engine.Layers;
using Trainer.Engine.Models;

namespace Trainer.Training;

/// <summary>
/// The DS-CNN keyword model (after Zhang et al., "Hello Edge", 2017): a strided 3x3 convolution, then blocks of a
/// depthwise 3x3 and a pointwise 1x1 convolution, each followed by batch norm and ReLU, global average pooling,
/// dropout and one linear layer to the class logits.
/// </summary>
internal static class ModelFactory
{
    /// <summary>A DS-CNN of <paramref name="width"/> channels and <paramref name="blocks"/> blocks for <paramref name="classes"/> classes.</summary>
    public static Sequential DsCnn(int width, int blocks, int classes, float dropout, ulong seed)
    {
        var layers = new List<Layer>
        {
            new Conv2d(1, width, ConvGeometry.Square(3, 2, 1), bias: false),
            new BatchNorm2d(width),
            new ReLU(),
        };
        for (var b = 0; b < blocks; b++)
        {
            layers.Add(new DepthwiseConv2d(width, ConvGeometry.Square(3, 1, 1), bias: false));
            layers.Add(new BatchNorm2d(width));
            layers.Add(new ReLU());
            layers.Add(new Conv2d(width, width, ConvGeometry.Square(1), bias: false));
            layers.Add(new BatchNorm2d(width));
            layers.Add(new ReLU());
        }

        layers.Add(new GlobalAvgPool());
        layers.Add(new Flatten());
        layers.Add(new Dropout(dropout, seed));
        layers.Add(new Linear(width, classes));
        return new Sequential([.. layers]);
    }

    /// <summary>Multiply-adds of one inference, counted per layer from the built shapes.</summary>
    public static long MultiplyAdds(Sequential model)
    {
        long total = 0;
        var shape = model.InputShape;
        foreach (var layer in model.Layers)
        {
            var output = layer.OutputShape;
            total += layer switch
            {
                Conv2d c => (long)output.Size * c.InChannels * c.Geometry.KernelH * c.Geometry.KernelW,
                DepthwiseConv2d d => (long)output.Size * d.Geometry.KernelH * d.Geometry.KernelW,
                Linear l => (long)l.InFeatures * l.OutFeatures,
                _ => 0,
            };
            shape = output;
        }

        return total;
    }
}
