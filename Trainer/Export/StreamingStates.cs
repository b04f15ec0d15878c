using Kws.Onnx.Contract;
using Kws.Onnx.Format;
using Trainer.Engine;

namespace Trainer.Export;

/// <summary>
/// The state tensors of a streaming export, made while <see cref="OnnxExporter"/> walks the layers. Time is axis 2 of
/// every activation ([1, C, T, W]) in the streamable networks, so one rule serves them all: a convolution along time
/// with a k-frame kernel is fed its input's last k - 1 frames (a state input of shape [1, C, k - 1, W]) joined in
/// front of the T new ones, and so gives exactly T new output frames; the join's last k - 1 frames are the state's
/// next value. The pool keeps per-frame means. Each state input "NAME_state" has its next value in the output
/// "NAME_state" + <see cref="ModelContract.NextStateSuffix"/>.
/// </summary>
internal sealed class StreamingStates(OnnxGraph graph)
{
    private readonly List<(string Name, string Next, long[] Shape)> _states = [];

    /// <summary>The state tensors made so far: name, next-value output, shape.</summary>
    public IReadOnlyList<(string Name, string Next, long[] Shape)> States => _states;

    /// <summary>
    /// Before a convolution named <paramref name="name"/> on <paramref name="input"/> (whole-window input shape
    /// <paramref name="shape"/>): its time context joined in front, or the input as it is for a kernel one frame long.
    /// Throws <see cref="NotSupportedException"/> for a convolution that pads or strides along time.
    /// </summary>
    public string BeforeConvolution(string name, string input, SampleShape shape, ConvGeometry geometry)
    {
        if (geometry.PadH != 0 || geometry.StrideH != 1)
        {
            throw new NotSupportedException(
                $"layer {name} pads ({geometry.PadH}) or strides ({geometry.StrideH}) along time, so it cannot run on new frames only; train a streamable network (matchboxnet-stream, dscnn-stream)");
        }

        return geometry.KernelH == 1 ? input : Prepend(name, input, shape.C, geometry.KernelH - 1, shape.W);
    }

    /// <summary>
    /// The mean over time and width that the whole-window model's global average pool takes over its
    /// <paramref name="shape"/>.H frames: the per-frame means of the last H - 1 frames are state, joined with the new
    /// frames' means, and the last H of them averaged. Output [1, C, 1, 1].
    /// </summary>
    public string GlobalAveragePool(string name, string input, SampleShape shape)
    {
        var perFrame = shape.W == 1 ? input : graph.ReduceMean($"{name}.frame_mean", input, keepDims: true, 3);
        var joined = shape.H == 1 ? perFrame : Prepend(name, perFrame, shape.C, shape.H - 1, 1);
        var window = shape.H == 1 ? joined : graph.Slice($"{name}.window", joined, axis: 2, start: -shape.H, end: long.MaxValue);
        return graph.ReduceMean(name, window, keepDims: true, 2, 3);
    }

    /// <summary>Declares the next-value outputs (after the scores, in the order the states were made).</summary>
    public void AddOutputs()
    {
        foreach (var (_, next, shape) in _states)
        {
            graph.AddOutput(next, OnnxElementType.Float, [.. shape.Select(d => (OnnxDim)d)]);
        }
    }

    private string Prepend(string name, string input, long channels, long frames, long width)
    {
        var state = graph.AddInput($"{name}_state", OnnxElementType.Float, 1, channels, frames, width);
        var joined = graph.Concat($"{name}.joined", 2, state, input);
        var next = graph.Slice(state + ModelContract.NextStateSuffix, joined, axis: 2, start: -frames, end: long.MaxValue);
        _states.Add((state, next, [1, channels, frames, width]));
        return joined;
    }
}
