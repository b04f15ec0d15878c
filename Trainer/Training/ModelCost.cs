using Trainer.Engine.Layers;
using Trainer.Engine.Models;

namespace Trainer.Training;

/// <summary>What a model costs at inference: multiply-adds counted per layer from the built shapes.</summary>
internal static class ModelCost
{
    /// <summary>Multiply-adds of one inference.</summary>
    public static long MultiplyAdds(Sequential model) => MultiplyAdds(model.Layers);

    /// <summary>
    /// Multiply-adds per second of audio: a whole-window model once per <paramref name="hopFrames"/> frames on the
    /// whole window; a streaming one (<paramref name="streaming"/>) its convolutions for every new frame and its
    /// classifier once per run. <paramref name="framesPerSecond"/> is the front end's frame rate (100 at 10 ms).
    /// </summary>
    public static long MultiplyAddsPerSecond(Sequential model, bool streaming, int hopFrames = 5, int framesPerSecond = 100)
    {
        var runs = framesPerSecond / hopFrames;
        if (!streaming)
        {
            return MultiplyAdds(model) * runs;
        }

        var (perFrame, perRun) = Streaming(model.Layers);
        return (perFrame * framesPerSecond) + (perRun * runs);
    }

    /// <summary>A streaming run's multiply-adds: per new frame (one output frame of each convolution) and per run (the classifier).</summary>
    private static (long PerFrame, long PerRun) Streaming(IEnumerable<Layer> layers)
    {
        long perFrame = 0, perRun = 0;
        foreach (var layer in layers)
        {
            var output = layer.OutputShape;
            var row = (long)output.C * output.W;
            switch (layer)
            {
                case Conv2d c:
                    perFrame += row * c.InChannels * c.Geometry.KernelH * c.Geometry.KernelW;
                    break;
                case DepthwiseConv2d d:
                    perFrame += row * d.Geometry.KernelH * d.Geometry.KernelW;
                    break;
                case Linear l:
                    perRun += (long)l.InFeatures * l.OutFeatures;
                    break;
                case Residual r:
                    var (mf, mr) = Streaming(r.Main);
                    var (sf, sr) = Streaming(r.Shortcut);
                    perFrame += mf + sf;
                    perRun += mr + sr;
                    break;
            }
        }

        return (perFrame, perRun);
    }

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
