using Trainer.Engine.Layers;
using Trainer.Engine.Models;

namespace Trainer.Training;

/// <summary>What a model costs at inference: multiply-adds counted per layer from the built shapes.</summary>
internal static class ModelCost
{
    /// <summary>Multiply-adds of one inference.</summary>
    public static long MultiplyAdds(Sequential model) => MultiplyAdds(model.Layers);

    private static long MultiplyAdds(IEnumerable<Layer> layers)
    {
        long total = 0;
        foreach (var layer in layers)
        {
            var output = layer.OutputShape;
            total += layer switch
            {
                Conv2d c => (long)output.Size * c.InChannels * c.Geometry.KernelH * c.Geometry.KernelW,
                DepthwiseConv2d d => (long)output.Size * d.Geometry.KernelH * d.Geometry.KernelW,
                Linear l => (long)l.InFeatures * l.OutFeatures,
                Residual r => MultiplyAdds(r.Main) + MultiplyAdds(r.Shortcut),
                BroadcastResidual b => MultiplyAdds(b.Pre) + MultiplyAdds(b.Frequency) + MultiplyAdds(b.Time),
                _ => 0,
            };
        }

        return total;
    }
}
