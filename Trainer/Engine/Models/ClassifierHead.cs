using Trainer.Engine.Layers;

namespace Trainer.Engine.Models;

/// <summary>The end every keyword network here shares: global average pooling, optional dropout, a linear classifier.</summary>
internal static class ClassifierHead
{
    /// <summary>The head's layers for <paramref name="channels"/> features and <paramref name="classes"/> outputs.</summary>
    public static IEnumerable<Layer> Layers(int channels, int classes, float dropout)
    {
        yield return new GlobalAvgPool();
        if (dropout > 0)
        {
            yield return new Dropout(dropout);
        }

        yield return new Flatten();
        yield return new Linear(channels, classes);
    }
}
