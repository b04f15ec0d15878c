using System.Numerics.Tensors;

namespace Trainer.Engine.Layers;

/// <summary>
/// Inverted dropout: in training each element is zeroed with probability <see cref="Rate"/> and the others scaled by
/// 1 / (1 - rate); in evaluation it is the identity (so it exports as nothing). The mask comes from a seeded
/// generator drawn sequentially, so it is reproducible for any thread count. Shapes: x, y [N, C, H, W].
/// Backward: takes dL/dy; returns dL/dx = dL/dy times the last forward's mask (no parameters).
/// </summary>
internal sealed class Dropout : Layer
{
    private Rng _rng;
    private float[] _mask = [];

    /// <summary>Makes a dropout layer whose masks start from <paramref name="seed"/> (reseeded by model initialisation).</summary>
    public Dropout(float rate, ulong seed = 0)
    {
        if (!(rate >= 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "dropout: the rate must be in [0, 1).");
        }

        Rate = rate;
        _rng = new Rng(seed);
    }

    /// <inheritdoc />
    public override string Kind => "dropout";

    /// <summary>The probability of zeroing an element in training.</summary>
    public float Rate { get; }

    /// <summary>Restarts the mask sequence.</summary>
    public void Reseed(ulong seed) => _rng = new Rng(seed);

    /// <inheritdoc />
    public override void Initialize(Rng rng) => Reseed(((ulong)rng.NextUInt() << 32) | rng.NextUInt());

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        if (!training || Rate == 0)
        {
            input.Span.CopyTo(output.Span);
            return;
        }

        var mask = _mask.AsSpan(0, input.Length);
        var keep = 1f / (1f - Rate);
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = _rng.NextFloat() >= Rate ? keep : 0f;
        }

        TensorPrimitives.Multiply(input.Span, mask, output.Span);
    }

    /// <inheritdoc />
    public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        CheckBackward(input, output, gradOutput, gradInput);
        if (gradInput == null)
        {
            return;
        }

        if (!training || Rate == 0)
        {
            gradOutput.Span.CopyTo(gradInput.Span);
        }
        else
        {
            TensorPrimitives.Multiply(gradOutput.Span, _mask.AsSpan(0, gradOutput.Length), gradInput.Span);
        }
    }

    /// <inheritdoc />
    protected override SampleShape ComputeOutputShape(SampleShape input) => input;

    /// <inheritdoc />
    protected override void OnBuild() => _mask = new float[MaxBatch * InputShape.Size];
}
