using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Trainer.Engine.Layers;

/// <summary>
/// y = max(x, 0), vectorized and parallel over the batch. Shapes: x, y [N, C, H, W].
/// Backward: takes dL/dy; returns dL/dx = dL/dy where y &gt; 0, else 0 (no parameters).
/// </summary>
internal sealed class ReLU : Layer
{
    /// <inheritdoc />
    public override string Kind => "relu";

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        var size = InputShape.Size;
        Batches.For(input.N, (start, end, _) =>
            TensorPrimitives.Max(input.Data.AsSpan(start * size, (end - start) * size), 0f, output.Data.AsSpan(start * size, (end - start) * size)));
    }

    /// <inheritdoc />
    public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        CheckBackward(input, output, gradOutput, gradInput);
        if (gradInput == null)
        {
            return;
        }

        var size = InputShape.Size;
        Batches.For(input.N, (start, end, _) =>
        {
            var y = output.Data.AsSpan(start * size, (end - start) * size);
            var dy = gradOutput.Data.AsSpan(start * size, (end - start) * size);
            var dx = gradInput.Data.AsSpan(start * size, (end - start) * size);
            Mask(y, dy, dx);
        });
    }

    /// <summary>dx[i] = y[i] &gt; 0 ? dy[i] : 0, vectorized.</summary>
    internal static void Mask(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var vdy = MemoryMarshal.Cast<float, Vector<float>>(dy);
        var vdx = MemoryMarshal.Cast<float, Vector<float>>(dx);
        for (var i = 0; i < vy.Length; i++)
        {
            vdx[i] = Vector.ConditionalSelect(Vector.GreaterThan(vy[i], Vector<float>.Zero), vdy[i], Vector<float>.Zero);
        }

        for (var i = vy.Length * Vector<float>.Count; i < y.Length; i++)
        {
            dx[i] = y[i] > 0 ? dy[i] : 0f;
        }
    }

    /// <inheritdoc />
    protected override SampleShape ComputeOutputShape(SampleShape input) => input;
}
