using System.Numerics.Tensors;
using Trainer.Engine.Kernels;

namespace Trainer.Engine.Layers;

/// <summary>
/// Batch normalisation over N, H, W for each channel, parallel over channels (so deterministic for any thread count).
/// Training: y = gamma (x - mean_B) / sqrt(var_B + eps) + beta with the batch's biased variance; the running mean and
/// the running (unbiased) variance move by <see cref="Momentum"/> towards the batch's, as in PyTorch.
/// Evaluation: the running statistics replace the batch's. Shapes: x, y [N, C, H, W] (also [N, F, 1, 1]).
/// Backward: takes dL/dy; returns dL/dx (through the batch statistics in training mode) and adds dL/dgamma, dL/dbeta.
/// </summary>
internal sealed class BatchNorm2d : Layer
{
    private readonly StateBuffer _runningMean;
    private readonly StateBuffer _runningVar;
    private readonly float[] _mean;
    private readonly float[] _invStd;

    /// <summary>Makes a batch norm with gamma 1, beta 0, running mean 0 and running variance 1.</summary>
    public BatchNorm2d(int channels, float epsilon = 1e-5f, float momentum = 0.1f)
    {
        if (channels < 1 || !(epsilon > 0) || !(momentum > 0 && momentum <= 1))
        {
            throw new ArgumentException($"bn: needs channels >= 1, epsilon > 0 and momentum in (0, 1] (got {channels}, {epsilon}, {momentum}).");
        }

        Channels = channels;
        Epsilon = epsilon;
        Momentum = momentum;
        Gamma = new Parameter("gamma", [channels], applyWeightDecay: false);
        Beta = new Parameter("beta", [channels], applyWeightDecay: false);
        _runningMean = new StateBuffer("running_mean", new float[channels]);
        _runningVar = new StateBuffer("running_var", new float[channels]);
        _mean = new float[channels];
        _invStd = new float[channels];
        Initialize(new Rng(0));
    }

    /// <inheritdoc />
    public override string Kind => "bn";

    /// <summary>Channels.</summary>
    public int Channels { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public float Epsilon { get; }

    /// <summary>Weight of the batch statistics in the running statistics' update.</summary>
    public float Momentum { get; }

    /// <summary>Scale [C].</summary>
    public Parameter Gamma { get; }

    /// <summary>Shift [C].</summary>
    public Parameter Beta { get; }

    /// <summary>Running mean [C], used in evaluation mode.</summary>
    public float[] RunningMean => _runningMean.Data;

    /// <summary>Running variance [C], used in evaluation mode.</summary>
    public float[] RunningVar => _runningVar.Data;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [Gamma, Beta];

    /// <inheritdoc />
    public override IReadOnlyList<StateBuffer> Buffers => [_runningMean, _runningVar];

    /// <inheritdoc />
    public override void Initialize(Rng rng)
    {
        Array.Fill(Gamma.Value, 1f);
        Array.Clear(Beta.Value);
        Array.Clear(RunningMean);
        Array.Fill(RunningVar, 1f);
    }

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        var n = input.N;
        Batches.For(Channels, (start, end, _) =>
        {
            for (var c = start; c < end; c++)
            {
                if (training)
                {
                    ForwardTraining(input, output, n, c);
                }
                else
                {
                    var scale = Gamma.Value[c] / MathF.Sqrt(RunningVar[c] + Epsilon);
                    var shift = Beta.Value[c] - (RunningMean[c] * scale);
                    for (var i = 0; i < n; i++)
                    {
                        VectorOps.Affine(input.Plane(i, c), scale, shift, output.Plane(i, c));
                    }
                }
            }
        });
    }

    /// <inheritdoc />
    public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        CheckBackward(input, output, gradOutput, gradInput);
        var n = input.N;
        var m = (double)n * InputShape.Plane;
        Batches.For(Channels, (start, end, _) =>
        {
            for (var c = start; c < end; c++)
            {
                double sumDy = 0, sumDyX = 0;
                for (var i = 0; i < n; i++)
                {
                    var dy = gradOutput.Plane(i, c);
                    sumDy += TensorPrimitives.Sum(dy);
                    sumDyX += TensorPrimitives.Dot(dy, input.Plane(i, c));
                }

                double mean = training ? _mean[c] : RunningMean[c];
                double invStd = training ? _invStd[c] : 1.0 / Math.Sqrt(RunningVar[c] + (double)Epsilon);
                var dGamma = invStd * (sumDyX - (mean * sumDy));
                Gamma.Grad[c] += (float)dGamma;
                Beta.Grad[c] += (float)sumDy;
                if (gradInput == null)
                {
                    continue;
                }

                var k = Gamma.Value[c] * invStd;
                float a = (float)k, b = 0f, shift = 0f;
                if (training)
                {
                    b = (float)(-k * invStd * dGamma / m);
                    shift = (float)(k * ((invStd * dGamma * mean / m) - (sumDy / m)));
                }

                for (var i = 0; i < n; i++)
                {
                    VectorOps.LinearCombination(gradOutput.Plane(i, c), a, input.Plane(i, c), b, shift, gradInput.Plane(i, c));
                }
            }
        });
    }

    /// <inheritdoc />
    protected override SampleShape ComputeOutputShape(SampleShape input) =>
        input.C == Channels ? input : throw new ArgumentException($"bn: expects {Channels} channels, got input {input}.");

    private void ForwardTraining(Tensor input, Tensor output, int n, int c)
    {
        var m = n * InputShape.Plane;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += TensorPrimitives.Sum(input.Plane(i, c));
        }

        var mean = (float)(sum / m);
        double sq = 0;
        for (var i = 0; i < n; i++)
        {
            var y = output.Plane(i, c);
            TensorPrimitives.Subtract(input.Plane(i, c), mean, y);
            sq += TensorPrimitives.SumOfSquares(y);
        }

        var variance = sq / m;
        var invStd = (float)(1.0 / Math.Sqrt(variance + Epsilon));
        _mean[c] = mean;
        _invStd[c] = invStd;
        var scale = Gamma.Value[c] * invStd;
        for (var i = 0; i < n; i++)
        {
            var y = output.Plane(i, c);
            VectorOps.Affine(y, scale, Beta.Value[c], y);
        }

        var unbiased = m > 1 ? variance * m / (m - 1) : variance;
        RunningMean[c] = ((1 - Momentum) * RunningMean[c]) + (Momentum * mean);
        RunningVar[c] = (float)(((1 - Momentum) * RunningVar[c]) + (Momentum * unbiased));
    }
}
