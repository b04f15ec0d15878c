using System.Numerics.Tensors;

namespace Trainer.Engine.Layers;

/// <summary>
/// The mean of each channel plane (ONNX GlobalAveragePool). Shapes: x [N, C, H, W] -> y [N, C, 1, 1].
/// Backward: takes dL/dy [N, C, 1, 1]; returns dL/dx with dL/dy[n, c] / (H * W) everywhere in the plane.
/// </summary>
internal sealed class GlobalAvgPool : Layer
{
    /// <inheritdoc />
    public override string Kind => "gap";

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        var inv = 1f / InputShape.Plane;
        Batches.For(input.N, (start, end, _) =>
        {
            for (var n = start; n < end; n++)
            {
                var y = output.Example(n);
                for (var c = 0; c < InputShape.C; c++)
                {
                    y[c] = TensorPrimitives.Sum(input.Plane(n, c)) * inv;
                }
            }
        });
    }

    /// <inheritdoc />
    public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        CheckBackward(input, output, gradOutput, gradInput);
        if (gradInput == null)
        {
            return;
        }

        var inv = 1f / InputShape.Plane;
        Batches.For(input.N, (start, end, _) =>
        {
            for (var n = start; n < end; n++)
            {
                var dy = gradOutput.Example(n);
                for (var c = 0; c < InputShape.C; c++)
                {
                    gradInput.Plane(n, c).Fill(dy[c] * inv);
                }
            }
        });
    }

    /// <inheritdoc />
    protected override SampleShape ComputeOutputShape(SampleShape input) => new(input.C, 1, 1);
}
