namespace Trainer.Engine;

/// <summary>The shape of one example: channels, height, width (a vector of F features is F x 1 x 1).</summary>
/// <param name="C">Channels.</param>
/// <param name="H">Height (rows).</param>
/// <param name="W">Width (columns).</param>
internal readonly record struct SampleShape(int C, int H, int W)
{
    /// <summary>Floats in one example: C * H * W.</summary>
    public int Size => C * H * W;

    /// <summary>Floats in one channel plane: H * W.</summary>
    public int Plane => H * W;

    /// <summary>Throws when any dimension is not positive.</summary>
    public void Validate(string what)
    {
        if (C <= 0 || H <= 0 || W <= 0)
        {
            throw new ArgumentException($"{what}: shape {this} has a dimension that is not positive.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{C}x{H}x{W}";
}
