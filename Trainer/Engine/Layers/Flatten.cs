namespace Trainer.Engine.Layers;

/// <summary>
/// Reinterprets each example as a vector (ONNX Flatten, axis 1). Shapes: x [N, C, H, W] -> y [N, C * H * W, 1, 1].
/// Backward: takes dL/dy; returns dL/dx, the same numbers in the input's shape.
/// </summary>
internal sealed class Flatten : Layer
{
    /// <inheritdoc />
    public override string Kind => "flatten";

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        input.Span.CopyTo(output.Span);
    }

    /// <inheritdoc />
    public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        CheckBackward(input, output, gradOutput, gradInput);
        if (gradInput != null)
        {
            gradOutput.Span.CopyTo(gradInput.Span);
        }
    }

    /// <inheritdoc />
    protected override SampleShape ComputeOutputShape(SampleShape input) => new(input.Size, 1, 1);
}
