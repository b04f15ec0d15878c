namespace Trainer.Engine.Layers;

/// <summary>
/// Drops the first <see cref="Frames"/> rows (the oldest frames, time being the H axis) of every channel plane:
/// x [N, C, H, W] -> y [N, C, H - Frames, W] (ONNX Slice on axis 2). It aligns a residual block's shortcut with a
/// main branch of unpadded ("valid") convolutions along time, whose output row t sees input rows t .. t + k - 1 and
/// so belongs to the newest of them: the streamable networks' convolutions only look back. Backward: dL/dx is dL/dy
/// in the kept rows and zero in the dropped ones.
/// </summary>
internal sealed class CropTime : Layer
{
    /// <summary>Drops the oldest <paramref name="frames"/> rows.</summary>
    public CropTime(int frames)
    {
        if (frames < 0)
        {
            throw new ArgumentException($"croptime: the frames to drop cannot be negative (got {frames}).");
        }

        Frames = frames;
    }

    /// <summary>Rows dropped from the start of the time axis.</summary>
    public int Frames { get; }

    /// <inheritdoc />
    public override string Kind => "croptime";

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        var (outPlane, skip) = Planes();
        Batches.For(input.N, (start, end, _) =>
        {
            for (var n = start; n < end; n++)
            {
                for (var c = 0; c < InputShape.C; c++)
                {
                    input.Plane(n, c).Slice(skip, outPlane).CopyTo(output.Plane(n, c));
                }
            }
        });
    }

    /// <inheritdoc />
    public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        CheckBackward(input, output, gradOutput, gradInput);
        if (gradInput is null)
        {
            return;
        }

        var (outPlane, skip) = Planes();
        Batches.For(input.N, (start, end, _) =>
        {
            for (var n = start; n < end; n++)
            {
                for (var c = 0; c < InputShape.C; c++)
                {
                    var dx = gradInput.Plane(n, c);
                    dx[..skip].Clear();
                    gradOutput.Plane(n, c).CopyTo(dx.Slice(skip, outPlane));
                }
            }
        });
    }

    /// <inheritdoc />
    protected override SampleShape ComputeOutputShape(SampleShape input)
    {
        if (Frames >= input.H)
        {
            throw new ArgumentException($"croptime: cannot drop {Frames} of {input.H} frames.");
        }

        return input with { H = input.H - Frames };
    }

    private (int OutPlane, int Skip) Planes() => (OutputShape.Plane, Frames * InputShape.W);
}
