using System.Numerics.Tensors;
using Trainer.Engine.Kernels;

namespace Trainer.Engine.Layers;

/// <summary>
/// A dense 2-D convolution (groups = 1) by im2col and a vectorized matrix product, parallel over the batch.
/// Forward: x [N, inC, H, W] -> y [N, outC, OH, OW] with OH = (H + 2 padH - kH) / strideH + 1 (likewise OW).
/// Backward: takes dL/dy [N, outC, OH, OW]; returns dL/dx [N, inC, H, W] and adds dL/dW, dL/db.
/// <see cref="Weight"/> is [outC, inC, kH, kW] and <see cref="Bias"/> [outC], as ONNX Conv expects.
/// </summary>
internal sealed class Conv2d : Layer
{
    private float[][] _cols = [];
    private float[][] _dCols = [];
    private float[][] _dW = [];
    private float[][] _dB = [];
    private float[] _weightT = [];
    private bool _direct;

    /// <summary>Makes a convolution; weights stay zero until <see cref="Initialize"/> or a weight load.</summary>
    public Conv2d(int inChannels, int outChannels, ConvGeometry geometry, bool bias = true)
    {
        if (inChannels < 1 || outChannels < 1)
        {
            throw new ArgumentException($"conv: channel counts must be at least 1 (got in {inChannels}, out {outChannels}).");
        }

        InChannels = inChannels;
        OutChannels = outChannels;
        Geometry = geometry;
        Weight = new Parameter("weight", [outChannels, inChannels, geometry.KernelH, geometry.KernelW], applyWeightDecay: true);
        Bias = bias ? new Parameter("bias", [outChannels], applyWeightDecay: false) : null;
    }

    /// <summary>A square kernel with equal strides and paddings.</summary>
    public Conv2d(int inChannels, int outChannels, int kernel, int stride = 1, int padding = 0, bool bias = true)
        : this(inChannels, outChannels, ConvGeometry.Square(kernel, stride, padding), bias)
    {
    }

    /// <inheritdoc />
    public override string Kind => "conv";

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel, strides, paddings.</summary>
    public ConvGeometry Geometry { get; }

    /// <summary>Weights [outC, inC, kH, kW].</summary>
    public Parameter Weight { get; }

    /// <summary>Bias [outC], or null when the layer has none (typically before batch norm).</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => Bias is null ? [Weight] : [Weight, Bias];

    private int K => InChannels * Geometry.KernelH * Geometry.KernelW;

    /// <inheritdoc />
    public override void Initialize(Rng rng)
    {
        HeNormal(rng, Weight.Value, K);
        if (Bias != null)
        {
            Array.Clear(Bias.Value);
        }
    }

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        var p = OutputShape.Plane;
        Batches.For(input.N, (start, end, chunk) =>
        {
            for (var n = start; n < end; n++)
            {
                var col = Columns(input, n, chunk);
                var y = output.Example(n);
                Gemm.MatMul(Weight.Value, col, y, OutChannels, K, p, accumulate: false);
                if (Bias != null)
                {
                    for (var oc = 0; oc < OutChannels; oc++)
                    {
                        var row = y.Slice(oc * p, p);
                        TensorPrimitives.Add(row, Bias.Value[oc], row);
                    }
                }
            }
        });
    }

    /// <inheritdoc />
    public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        CheckBackward(input, output, gradOutput, gradInput);
        var p = OutputShape.Plane;
        if (gradInput != null)
        {
            Gemm.Transpose(Weight.Value, _weightT, OutChannels, K);
        }

        Batches.For(input.N, (start, end, chunk) =>
        {
            for (var n = start; n < end; n++)
            {
                var col = Columns(input, n, chunk);
                var dy = gradOutput.Example(n);
                Gemm.MatMulTransB(dy, col, _dW[chunk], OutChannels, p, K, accumulate: true);
                if (Bias != null)
                {
                    var db = _dB[chunk];
                    for (var oc = 0; oc < OutChannels; oc++)
                    {
                        db[oc] += TensorPrimitives.Sum(dy.Slice(oc * p, p));
                    }
                }

                if (gradInput != null)
                {
                    var dx = gradInput.Example(n);
                    if (_direct)
                    {
                        Gemm.MatMul(_weightT, dy, dx, K, OutChannels, p, accumulate: false);
                    }
                    else
                    {
                        var dCol = _dCols[chunk];
                        Gemm.MatMul(_weightT, dy, dCol, K, OutChannels, p, accumulate: false);
                        dx.Clear();
                        Im2Col.Fold(dCol, InputShape, Geometry, dx);
                    }
                }
            }
        });

        BatchParallel.ReduceInto(_dW, Weight.Grad);
        if (Bias != null)
        {
            BatchParallel.ReduceInto(_dB, Bias.Grad);
        }
    }

    /// <inheritdoc />
    protected override SampleShape ComputeOutputShape(SampleShape input)
    {
        if (input.C != InChannels)
        {
            throw new ArgumentException($"conv: expects {InChannels} input channels, got input {input}.");
        }

        Geometry.Validate("conv", input.H, input.W);
        return new SampleShape(OutChannels, Geometry.OutH(input.H), Geometry.OutW(input.W));
    }

    /// <inheritdoc />
    protected override void OnBuild()
    {
        var g = Geometry;
        _direct = g is { KernelH: 1, KernelW: 1, StrideH: 1, StrideW: 1, PadH: 0, PadW: 0 };
        var colLength = K * OutputShape.Plane;
        _cols = _direct ? [] : ChunkBuffers(colLength);
        _dCols = _direct ? [] : ChunkBuffers(colLength);
        _dW = ChunkBuffers(Weight.Length);
        _dB = ChunkBuffers(OutChannels);
        _weightT = new float[Weight.Length];
    }

    private ReadOnlySpan<float> Columns(Tensor input, int n, int chunk)
    {
        if (_direct)
        {
            return input.Example(n);
        }

        var col = _cols[chunk];
        Im2Col.Unfold(input.Example(n), InputShape, Geometry, col);
        return col;
    }
}
