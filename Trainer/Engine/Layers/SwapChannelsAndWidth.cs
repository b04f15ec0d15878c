namespace Trainer.Engine.Layers;

/// <summary>
/// Swaps the channel and width axes (ONNX Transpose, perm [0, 3, 2, 1]): x [N, C, H, W] -> y [N, W, H, C]. On a
/// spectrogram [N, 1, frames, mels] it makes every mel band a channel of a one-column image [N, mels, frames, 1], so
/// that (k x 1) convolutions run along time over all bands at once, as temporal-convolution keyword models
/// (TC-ResNet, MatchboxNet) do. Backward: the same swap of dL/dy.
/// </summary>
internal sealed class SwapChannelsAndWidth : Layer
{
    /// <inheritdoc />
    public override string Kind => "swapcw";

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        Swap(input, output, InputShape);
    }

    /// <inheritdoc />
    public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        CheckBackward(input, output, gradOutput, gradInput);
        if (gradInput != null)
        {
            Swap(gradOutput, gradInput, OutputShape);
        }
    }

    /// <inheritdoc />
    protected override SampleShape ComputeOutputShape(SampleShape input) => new(input.W, input.H, input.C);

    private void Swap(Tensor from, Tensor to, SampleShape shape)
    {
        var (c, h, w) = (shape.C, shape.H, shape.W);
        var size = shape.Size;
        Batches.For(from.N, (start, end, _) =>
        {
            for (var n = start; n < end; n++)
            {
                var x = from.Data.AsSpan(n * size, size);
                var y = to.Data.AsSpan(n * size, size);
                for (var ci = 0; ci < c; ci++)
                {
                    for (var hi = 0; hi < h; hi++)
                    {
                        var row = x.Slice(((ci * h) + hi) * w, w);
                        for (var wi = 0; wi < w; wi++)
                        {
                            y[(((wi * h) + hi) * c) + ci] = row[wi];
                        }
                    }
                }
            }
        });
    }
}
