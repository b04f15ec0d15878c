using System.Numerics.Tensors;
using Trainer.Engine.Kernels;

namespace Trainer.Engine.Layers;

/// <summary>
/// A fully connected layer y = x W^T + b (ONNX Gemm with transB = 1), parallel over the batch.
/// Shapes: x [N, in, 1, 1] -> y [N, out, 1, 1] (put <see cref="Flatten"/> or <see cref="GlobalAvgPool"/> before it).
/// Backward: takes dL/dy; returns dL/dx = dL/dy W and adds dL/dW = dL/dy^T x, dL/db = sum of dL/dy.
/// <see cref="Weight"/> is [out, in].
/// </summary>
internal sealed class Linear : Layer
{
    private float[][] _dW = [];
    private float[][] _dB = [];

    /// <summary>Makes a linear layer; weights stay zero until <see cref="Initialize"/> or a weight load.</summary>
    public Linear(int inFeatures, int outFeatures, bool bias = true)
    {
        if (inFeatures < 1 || outFeatures < 1)
        {
            throw new ArgumentException($"linear: feature counts must be at least 1 (got in {inFeatures}, out {outFeatures}).");
        }

        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Parameter("weight", [outFeatures, inFeatures], applyWeightDecay: true);
        Bias = bias ? new Parameter("bias", [outFeatures], applyWeightDecay: false) : null;
    }

    /// <inheritdoc />
    public override string Kind => "linear";

    /// <summary>Input features.</summary>
    public int InFeatures { get; }

    /// <summary>Output features.</summary>
    public int OutFeatures { get; }

    /// <summary>Weights [out, in].</summary>
    public Parameter Weight { get; }

    /// <summary>Bias [out], or null.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => Bias is null ? [Weight] : [Weight, Bias];

    /// <inheritdoc />
    public override void Initialize(Rng rng)
    {
        HeNormal(rng, Weight.Value, InFeatures);
        if (Bias != null)
        {
            Array.Clear(Bias.Value);
        }
    }

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        Batches.For(input.N, (start, end, _) =>
        {
            var rows = end - start;
            var y = output.Data.AsSpan(start * OutFeatures, rows * OutFeatures);
            Gemm.MatMulTransB(input.Data.AsSpan(start * InFeatures, rows * InFeatures), Weight.Value, y, rows, InFeatures, OutFeatures, accumulate: false);
            if (Bias != null)
            {
                for (var r = 0; r < rows; r++)
                {
                    var row = y.Slice(r * OutFeatures, OutFeatures);
                    TensorPrimitives.Add(row, Bias.Value, row);
                }
            }
        });
    }

    /// <inheritdoc />
    public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        CheckBackward(input, output, gradOutput, gradInput);
        Batches.For(input.N, (start, end, chunk) =>
        {
            var dW = _dW[chunk].AsSpan();
            for (var n = start; n < end; n++)
            {
                var x = input.Example(n);
                var dy = gradOutput.Example(n);
                for (var o = 0; o < OutFeatures; o++)
                {
                    var row = dW.Slice(o * InFeatures, InFeatures);
                    TensorPrimitives.MultiplyAdd(x, dy[o], row, row);
                }

                if (Bias != null)
                {
                    TensorPrimitives.Add(_dB[chunk], dy, _dB[chunk]);
                }
            }

            if (gradInput != null)
            {
                var rows = end - start;
                Gemm.MatMul(gradOutput.Data.AsSpan(start * OutFeatures, rows * OutFeatures), Weight.Value, gradInput.Data.AsSpan(start * InFeatures, rows * InFeatures), rows, OutFeatures, InFeatures, accumulate: false);
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
        if (input.H != 1 || input.W != 1 || input.C != InFeatures)
        {
            throw new ArgumentException($"linear: expects {InFeatures}x1x1 input (use Flatten or GlobalAvgPool before it), got {input}.");
        }

        return new SampleShape(OutFeatures, 1, 1);
    }

    /// <inheritdoc />
    protected override void OnBuild()
    {
        _dW = ChunkBuffers(Weight.Length);
        _dB = ChunkBuffers(OutFeatures);
    }
}
