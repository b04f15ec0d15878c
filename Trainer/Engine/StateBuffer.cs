namespace Trainer.Engine;

/// <summary>Non-trainable state saved with the weights, such as batch norm running statistics.</summary>
/// <param name="Name">The name; the model prefixes it with the layer index and kind.</param>
/// <param name="Data">The values.</param>
internal sealed record StateBuffer(string Name, float[] Data)
{
    /// <summary>The name; the model prefixes it with the layer index and kind ("3.bn.running_mean").</summary>
    public string Name { get; internal set; } = Name;
}
