namespace Trainer.Engine.Optim;

/// <summary>
/// Adam, with weight decay either coupled (added to the gradient, as torch.optim.Adam) or decoupled (AdamW: the
/// weights shrink by lr * decay before the Adam step, as torch.optim.AdamW). Decay applies only to parameters with
/// <see cref="Parameter.ApplyWeightDecay"/> (weights; not biases or batch norm).
/// </summary>
internal sealed class Adam
{
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly float[][] _m;
    private readonly float[][] _v;

    /// <summary>Makes the optimizer for <paramref name="parameters"/>.</summary>
    public Adam(IReadOnlyList<Parameter> parameters, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f, bool decoupledWeightDecay = false)
    {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0) || !(weightDecay >= 0))
        {
            throw new ArgumentException($"adam: needs beta1, beta2 in [0, 1), epsilon > 0, weight decay >= 0 (got {beta1}, {beta2}, {epsilon}, {weightDecay}).");
        }

        _parameters = parameters;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        DecoupledWeightDecay = decoupledWeightDecay;
        _m = parameters.Select(p => new float[p.Length]).ToArray();
        _v = parameters.Select(p => new float[p.Length]).ToArray();
    }

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Added to the root of the second moment.</summary>
    public float Epsilon { get; }

    /// <summary>Weight decay factor.</summary>
    public float WeightDecay { get; }

    /// <summary>True for AdamW's decoupled decay, false for L2 added to the gradient.</summary>
    public bool DecoupledWeightDecay { get; }

    /// <summary>Steps taken so far.</summary>
    public int StepCount { get; private set; }

    /// <summary>AdamW (decoupled weight decay).</summary>
    public static Adam AdamW(IReadOnlyList<Parameter> parameters, float weightDecay = 0.01f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f) =>
        new(parameters, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay: true);

    /// <summary>Updates every parameter from its gradient with learning rate <paramref name="learningRate"/> (gradients are left as they are).</summary>
    public void Step(float learningRate)
    {
        if (!(learningRate >= 0) || float.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "adam: the learning rate must be finite and not negative.");
        }

        StepCount++;
        var bc1 = 1 - Math.Pow(Beta1, StepCount);
        var bc2 = 1 - Math.Pow(Beta2, StepCount);
        var stepSize = (float)(learningRate / bc1);
        var rootBc2 = (float)Math.Sqrt(bc2);
        for (var i = 0; i < _parameters.Count; i++)
        {
            var p = _parameters[i];
            var w = p.Value;
            var g = p.Grad;
            var m = _m[i];
            var v = _v[i];
            var decay = p.ApplyWeightDecay ? WeightDecay : 0f;
            var shrink = DecoupledWeightDecay ? 1f - (learningRate * decay) : 1f;
            var l2 = DecoupledWeightDecay ? 0f : decay;
            for (var j = 0; j < w.Length; j++)
            {
                var grad = g[j] + (l2 * w[j]);
                m[j] = (Beta1 * m[j]) + ((1 - Beta1) * grad);
                v[j] = (Beta2 * v[j]) + ((1 - Beta2) * grad * grad);
                w[j] = (w[j] * shrink) - (stepSize * m[j] / ((MathF.Sqrt(v[j]) / rootBc2) + Epsilon));
            }
        }
    }
}
