using Kws.Onnx.Contract;
using Kws.Onnx.Format;
using Trainer.Engine.Layers;
using Trainer.Engine.Models;

namespace Trainer.Export;

/// <summary>
/// Writes an engine model as an ONNX file (IR 8, opset 17) that carries the model contract in its metadata. Residual
/// blocks become their two branches and an Add (and a Relu); batch norm after a convolution is folded into it (w' = w * g / sqrt(v + e), b' = (b - m) * g / sqrt(v + e) + beta);
/// dropout is dropped; a softmax is appended, so the output holds probabilities. A model with more classes than the
/// contract has labels (trained with <see cref="Trainer.Training.WordClasses"/>) gets a constant matrix product after
/// the softmax that adds the word classes into <c>_unknown_</c>. Input "features" [N, 1, Frames, MelBins], output
/// "scores" [N, labels]. Several models (an ensemble) share the input; each gets its own branch down to its
/// probabilities over the labels, and the output is their mean (a Sum and a Mul by 1/N).
/// <para>
/// Streaming (<see cref="ModelExecution.Streaming"/> in the contract): the same layers over the new frames only,
/// input "features" [1, 1, T, MelBins]. Each convolution along time (unpadded, stride 1: the streamable networks) gets
/// a state input holding the last k - 1 frames of its input, joined in front of the new ones (Concat), and an output
/// with the new last k - 1 frames (Slice); a shortcut's crop is dropped (its input is already the new frames); the
/// global average pool keeps the per-frame means of the frames its whole-window version averages and takes their mean.
/// See <see cref="StreamingStates"/>.
/// </para>
/// </summary>
internal static class OnnxExporter
{
    public const string InputName = "features";
    public const string OutputName = "scores";

    /// <summary>The ONNX model of <paramref name="model"/> under <paramref name="contract"/>.</summary>
    public static OnnxModel Build(Sequential model, ModelContract contract, string description) => Build([model], contract, description);

    /// <summary>The ONNX model of <paramref name="models"/> (one, or an ensemble whose output is their mean) under <paramref name="contract"/>.</summary>
    public static OnnxModel Build(IReadOnlyList<Sequential> models, ModelContract contract, string description)
    {
        if (models.Count == 0)
        {
            throw new ArgumentException("no model to export", nameof(models));
        }

        var graph = new OnnxGraph("kws_cnn");
        var streaming = contract.Execution == ModelExecution.Streaming ? new StreamingStates(graph) : null;
        OnnxDim batch = streaming is null ? "N" : 1;
        OnnxDim frames = streaming is null ? contract.Frames : "T";
        var input = graph.AddInput(InputName, OnnxElementType.Float, batch, 1, frames, contract.FrontEnd.MelBins);
        if (models.Count == 1)
        {
            AddProbabilities(graph, models[0], contract, input, "l", "word_class_probabilities", OutputName, streaming);
        }
        else
        {
            var members = models.Select((m, i) => AddProbabilities(graph, m, contract, input, $"m{i}_l", $"m{i}_word_class_probabilities", $"m{i}_scores", streaming)).ToArray();
            var sum = graph.Sum("members_sum", members);
            graph.Mul(OutputName, sum, graph.AddInitializer("one_over_members", [1f / models.Count], 1));
        }

        graph.AddOutput(OutputName, OnnxElementType.Float, batch, contract.Labels.Count);
        streaming?.AddOutputs();
        var onnx = new OnnxModel(graph)
        {
            ProducerName = "kws-trainer",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString(),
            DocString = description,
            ModelVersion = 1,
        };
        foreach (var (key, value) in contract.ToMetadata())
        {
            onnx.Metadata[key] = value;
        }

        return onnx;
    }

    /// <summary>
    /// Adds one model's branch from <paramref name="input"/> to its probabilities over the contract's labels, named
    /// <paramref name="output"/>: its layers, a softmax and, for a model with word classes, the matrix product that
    /// adds them into <c>_unknown_</c> (the softmax then named <paramref name="fineName"/>).
    /// </summary>
    private static string AddProbabilities(OnnxGraph graph, Sequential model, ModelContract contract, string input, string prefix, string fineName, string output,
        StreamingStates? streaming)
    {
        var current = AddLayers(graph, model.Layers, input, prefix, streaming);
        var classes = model.OutputShape.Size;
        if (classes == contract.Labels.Count)
        {
            return graph.Softmax(output, current, axis: 1);
        }

        if (classes > contract.Labels.Count && contract.Labels.Count == Trainer.Data.ClassLabels.All.Count)
        {
            var fine = graph.Softmax(fineName, current, axis: 1);
            var matrix = graph.AddInitializer(prefix == "l" ? "word_classes_to_labels" : $"{prefix}_word_classes_to_labels",
                Trainer.Training.WordClasses.CollapseMatrix(classes), classes, contract.Labels.Count);
            return graph.MatMul(output, fine, matrix);
        }

        throw new ArgumentException($"the model has {classes} outputs but the contract {contract.Labels.Count} labels", nameof(contract));
    }

    /// <summary>
    /// Adds <paramref name="layers"/> after <paramref name="current"/>, naming each node <paramref name="prefix"/> and
    /// its index; a residual block adds its branches (prefixes "{name}m" and "{name}s"), their sum and a ReLU.
    /// With <paramref name="streaming"/>, the layers run on the new frames (see the class remarks).
    /// </summary>
    private static string AddLayers(OnnxGraph graph, IReadOnlyList<Layer> layers, string current, string prefix, StreamingStates? streaming = null)
    {
        for (var i = 0; i < layers.Count; i++)
        {
            var name = $"{prefix}{i}";
            var next = i + 1 < layers.Count ? layers[i + 1] : null;
            var bn = next as BatchNorm2d;
            switch (layers[i])
            {
                case BroadcastResidual or MaxPool2d or AvgPool2d when streaming is not null:
                    throw new NotSupportedException($"layer {name} ({layers[i].GetType().Name}) has no streaming export; train a streamable network (matchboxnet-stream, dscnn-stream)");
                case Conv2d conv:
                    current = streaming?.BeforeConvolution(name, current, conv.InputShape, conv.Geometry) ?? current;
                    current = AddConv(graph, name, current, conv.Weight.Value, conv.Bias?.Value, conv.OutChannels, conv.InChannels, conv.Geometry, 1, bn);
                    i += bn is null ? 0 : 1;
                    break;
                case DepthwiseConv2d dw:
                    current = streaming?.BeforeConvolution(name, current, dw.InputShape, dw.Geometry) ?? current;
                    current = AddConv(graph, name, current, dw.Weight.Value, dw.Bias?.Value, dw.Channels, 1, dw.Geometry, dw.Channels, bn);
                    i += bn is null ? 0 : 1;
                    break;
                case BatchNorm2d norm:
                    current = graph.BatchNormalization(name, current,
                        graph.AddInitializer($"{name}.gamma", norm.Gamma.Value, norm.Channels),
                        graph.AddInitializer($"{name}.beta", norm.Beta.Value, norm.Channels),
                        graph.AddInitializer($"{name}.mean", norm.RunningMean, norm.Channels),
                        graph.AddInitializer($"{name}.var", norm.RunningVar, norm.Channels),
                        norm.Epsilon);
                    break;
                case ReLU:
                    current = graph.Relu(name, current);
                    break;
                case SwapChannelsAndWidth:
                    current = graph.Transpose(name, current, 0, 3, 2, 1);
                    break;
                case CropTime crop:
                    current = streaming is null ? graph.Slice(name, current, axis: 2, start: crop.Frames, end: long.MaxValue) : current;
                    break;
                case Residual block:
                    var main = AddLayers(graph, block.Main, current, $"{name}m", streaming);
                    var shortcut = block.Shortcut.Count == 0 ? current : AddLayers(graph, block.Shortcut, current, $"{name}s", streaming);
                    current = graph.Add(block.ReluAfterAdd ? $"{name}.sum" : name, main, shortcut);
                    current = block.ReluAfterAdd ? graph.Relu(name, current) : current;
                    break;
                case BroadcastResidual block:
                    var h = block.Pre.Count == 0 ? current : AddLayers(graph, block.Pre, current, $"{name}p");
                    var x2 = AddLayers(graph, block.Frequency, h, $"{name}f");
                    var mean = graph.ReduceMean($"{name}.mean", x2, keepDims: true, 3);
                    var time = AddLayers(graph, block.Time, mean, $"{name}t");
                    var sum = graph.Add($"{name}.sum", x2, time);   // [N, C, T, F] + [N, C, T, 1]: broadcast over frequency
                    var total = block.Identity ? graph.Add(block.ReluAfterAdd ? $"{name}.identity" : name, sum, current) : sum;
                    current = block.ReluAfterAdd ? graph.Relu(name, total) : total;
                    break;
                case MaxPool2d pool:
                    current = graph.MaxPool(name, current, Kernel(pool.Geometry), Strides(pool.Geometry), Pads(pool.Geometry));
                    break;
                case AvgPool2d pool:
                    current = graph.AveragePool(name, current, Kernel(pool.Geometry), Strides(pool.Geometry), Pads(pool.Geometry));
                    break;
                case GlobalAvgPool pool:
                    current = streaming is null ? graph.GlobalAveragePool(name, current) : streaming.GlobalAveragePool(name, current, pool.InputShape);
                    break;
                case Flatten:
                    current = graph.Flatten(name, current);
                    break;
                case Dropout:
                    break;
                case Linear linear:
                    current = graph.Gemm(name, current,
                        graph.AddInitializer($"{name}.weight", linear.Weight.Value, linear.OutFeatures, linear.InFeatures),
                        linear.Bias is null ? null : graph.AddInitializer($"{name}.bias", linear.Bias.Value, linear.OutFeatures),
                        transB: true);
                    break;
                default:
                    throw new NotSupportedException($"layer {name} ({layers[i].GetType().Name}) has no ONNX export");
            }
        }

        return current;
    }

    private static string AddConv(OnnxGraph graph, string name, string input, float[] weight, float[]? bias, int outChannels, int inPerGroup,
        Trainer.Engine.ConvGeometry g, int group, BatchNorm2d? bn)
    {
        var w = (float[])weight.Clone();
        var b = bias is null ? new float[outChannels] : (float[])bias.Clone();
        if (bn is not null)
        {
            var perChannel = w.Length / outChannels;
            for (var c = 0; c < outChannels; c++)
            {
                var scale = bn.Gamma.Value[c] / MathF.Sqrt(bn.RunningVar[c] + bn.Epsilon);
                for (var k = 0; k < perChannel; k++)
                {
                    w[(c * perChannel) + k] *= scale;
                }

                b[c] = ((b[c] - bn.RunningMean[c]) * scale) + bn.Beta.Value[c];
            }
        }

        return graph.Conv(name, input,
            graph.AddInitializer($"{name}.weight", w, outChannels, inPerGroup, g.KernelH, g.KernelW),
            bias is null && bn is null ? null : graph.AddInitializer($"{name}.bias", b, outChannels),
            Kernel(g), Strides(g), Pads(g), group: group);
    }

    private static long[] Kernel(Trainer.Engine.ConvGeometry g) => [g.KernelH, g.KernelW];

    private static long[] Strides(Trainer.Engine.ConvGeometry g) => [g.StrideH, g.StrideW];

    private static long[] Pads(Trainer.Engine.ConvGeometry g) => [g.PadH, g.PadW, g.PadH, g.PadW];
}
