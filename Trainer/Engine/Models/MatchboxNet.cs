using Trainer.Engine.Layers;

namespace Trainer.Engine.Models;

/// <summary>
/// MatchboxNet (Majumdar and Ginsburg, "MatchboxNet: 1D Time-Channel Separable Convolutional Neural Network
/// Architecture for Speech Commands Recognition", 2020), B x R x C: the mel bands become channels
/// (<see cref="SwapChannelsAndWidth"/>) and every convolution is time-channel separable, a depthwise k x 1
/// convolution along time followed by a pointwise 1 x 1 one, each with batch norm. A prologue (k = 11, 2C channels),
/// B residual blocks of R separable sub-blocks with C channels and kernels 13, 15, 17, … (the block's shortcut is a
/// pointwise convolution with batch norm, added before the last ReLU), an epilogue (k = 29, 2C channels, then 1 x 1,
/// 2C), global average pooling and a linear classifier. The paper's epilogue convolution is dilated by 2; the engine
/// has no dilation, so here it is a plain k = 29 (a receptive field of 29 frames instead of 57).
/// <para>
/// Streamable (<c>streamable: true</c>): the convolutions along time are unpadded ("valid"), so each output frame
/// depends on the frames up to its own and none after, and every shortcut drops the frames its main branch used up
/// (<see cref="CropTime"/>). On a 98-frame window the pooled map is the last 18 frames, each seeing 81 input frames.
/// Run frame by frame with each convolution's last k - 1 input frames kept as state (the streaming export), it gives
/// the same scores as on the whole window, at the cost of the new frames only.
/// </para>
/// </summary>
internal static class MatchboxNet
{
    /// <summary>Makes the (unbuilt) model for an input [1, frames, mels].</summary>
    /// <param name="classes">Output classes.</param>
    /// <param name="mels">Mel bands of the input (the channels after the swap).</param>
    /// <param name="channels">C: channels of the blocks (the prologue and epilogue have 2C).</param>
    /// <param name="blocks">B: residual blocks.</param>
    /// <param name="repeats">R: separable sub-blocks per block.</param>
    /// <param name="dropout">Dropout before the classifier (0 for none).</param>
    /// <param name="streamable">Unpadded convolutions along time and cropped shortcuts (see above).</param>
    /// <param name="prologueKernel">The prologue's kernel along time (11); block b's is 2b + 2 longer, the epilogue's 2K + 7 (29).</param>
    public static Sequential Create(int classes, int mels, int channels = 64, int blocks = 3, int repeats = 1, float dropout = 0f, bool streamable = false, int prologueKernel = 11)
    {
        if (channels < 1 || blocks < 1 || repeats < 1 || prologueKernel < 1)
        {
            throw new ArgumentException($"matchboxnet: channels, blocks, repeats and the kernel must be at least 1 (got {channels}, {blocks}, {repeats}, {prologueKernel}).");
        }

        var wide = channels * 2;
        var layers = new List<Layer> { new SwapChannelsAndWidth() };
        layers.AddRange(Separable(mels, wide, prologueKernel, streamable));
        layers.Add(new ReLU());
        var c = wide;
        for (var b = 0; b < blocks; b++)
        {
            var kernel = prologueKernel + 2 + (2 * b);
            var main = new List<Layer>();
            for (var r = 0; r < repeats; r++)
            {
                main.AddRange(Separable(r == 0 ? c : channels, channels, kernel, streamable));
                if (r < repeats - 1)
                {
                    main.Add(new ReLU());
                }
            }

            Layer[] shortcut = [new Conv2d(c, channels, kernel: 1, bias: false), new BatchNorm2d(channels)];
            layers.Add(new Residual(main, streamable ? [new CropTime(repeats * (kernel - 1)), .. shortcut] : shortcut));
            c = channels;
        }

        layers.AddRange(Separable(c, wide, (2 * prologueKernel) + 7, streamable));
        layers.Add(new ReLU());
        layers.Add(new Conv2d(wide, wide, kernel: 1, bias: false));
        layers.Add(new BatchNorm2d(wide));
        layers.Add(new ReLU());
        layers.AddRange(ClassifierHead.Layers(wide, classes, dropout));
        return new Sequential([.. layers]);
    }

    /// <summary>Depthwise k x 1 along time (padded, or unpadded when streamable), pointwise to <paramref name="outChannels"/>, batch norm (no ReLU).</summary>
    private static Layer[] Separable(int inChannels, int outChannels, int kernel, bool streamable) =>
    [
        new DepthwiseConv2d(inChannels, new ConvGeometry(kernel, 1, 1, 1, streamable ? 0 : kernel / 2, 0), bias: false),
        new Conv2d(inChannels, outChannels, kernel: 1, bias: false),
        new BatchNorm2d(outChannels),
    ];
}
