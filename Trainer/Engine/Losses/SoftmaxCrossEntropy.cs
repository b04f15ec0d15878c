namespace Trainer.Engine.Losses;

/// <summary>
/// Softmax cross-entropy on logits [N, K, 1, 1] and integer labels, with optional class weights and label smoothing.
/// With target q = (1 - s) onehot(y) + s / K and w_n = classWeight[y_n] (1 without weights), the loss is
/// sum_n w_n * (-sum_k q_k log softmax(z_n)_k) / sum_n w_n, and dL/dz_n = w_n (softmax(z_n) - q) / sum_n w_n.
/// </summary>
internal sealed class SoftmaxCrossEntropy
{
    private readonly double[] _p;

    /// <summary>Makes the loss for <paramref name="classes"/> classes.</summary>
    public SoftmaxCrossEntropy(int classes, float[]? classWeights = null, float labelSmoothing = 0f)
    {
        if (classes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "loss: at least 2 classes are needed.");
        }

        if (classWeights != null && (classWeights.Length != classes || classWeights.Any(w => !(w > 0) || float.IsInfinity(w))))
        {
            throw new ArgumentException($"loss: class weights must be {classes} positive finite numbers.", nameof(classWeights));
        }

        if (!(labelSmoothing >= 0 && labelSmoothing < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "loss: label smoothing must be in [0, 1).");
        }

        Classes = classes;
        ClassWeights = classWeights;
        LabelSmoothing = labelSmoothing;
        _p = new double[classes];
    }

    /// <summary>Number of classes K.</summary>
    public int Classes { get; }

    /// <summary>Per-class weights, or null for equal weights.</summary>
    public float[]? ClassWeights { get; }

    /// <summary>Label smoothing s in [0, 1).</summary>
    public float LabelSmoothing { get; }

    /// <summary>
    /// Returns the mean loss of the batch and, when <paramref name="gradLogits"/> is given, overwrites it with dL/dz.
    /// </summary>
    /// <param name="logits">[N, K, 1, 1].</param>
    /// <param name="labels">N labels in [0, K).</param>
    /// <param name="gradLogits">[N, K, 1, 1] with the same N, or null.</param>
    public float Compute(Tensor logits, ReadOnlySpan<int> labels, Tensor? gradLogits)
    {
        var n = logits.N;
        if (logits.Shape.Size != Classes || logits.Shape.H != 1 || logits.Shape.W != 1)
        {
            throw new ArgumentException($"loss: logits must be [N, {Classes}, 1, 1], got {logits.Shape}.");
        }

        if (labels.Length != n)
        {
            throw new ArgumentException($"loss: {n} logits rows but {labels.Length} labels.");
        }

        if (gradLogits != null && (gradLogits.Shape != logits.Shape || gradLogits.N != n))
        {
            throw new ArgumentException($"loss: the gradient tensor must be [{n}, {logits.Shape}].");
        }

        double totalWeight = 0;
        for (var i = 0; i < n; i++)
        {
            CheckLabel(labels[i]);
            totalWeight += ClassWeights?[labels[i]] ?? 1f;
        }

        var off = LabelSmoothing / Classes;
        double loss = 0;
        for (var i = 0; i < n; i++)
        {
            var z = logits.Example(i);
            var y = labels[i];
            double max = z[0];
            for (var k = 1; k < Classes; k++)
            {
                max = Math.Max(max, z[k]);
            }

            double sum = 0;
            for (var k = 0; k < Classes; k++)
            {
                _p[k] = Math.Exp(z[k] - max);
                sum += _p[k];
            }

            var lse = max + Math.Log(sum);
            double qz = 0;
            for (var k = 0; k < Classes; k++)
            {
                qz += Target(k, y, off) * z[k];
            }

            var w = ClassWeights?[y] ?? 1f;
            loss += w * (lse - qz);
            if (gradLogits != null)
            {
                var g = gradLogits.Example(i);
                var scale = w / totalWeight;
                for (var k = 0; k < Classes; k++)
                {
                    g[k] = (float)(scale * ((_p[k] / sum) - Target(k, y, off)));
                }
            }
        }

        return (float)(loss / totalWeight);
    }

    /// <summary>The index of the largest value (the predicted class).</summary>
    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var k = 1; k < logits.Length; k++)
        {
            if (logits[k] > logits[best])
            {
                best = k;
            }
        }

        return best;
    }

    private double Target(int k, int y, double off) => (k == y ? 1 - LabelSmoothing : 0) + off;

    private void CheckLabel(int y)
    {
        if (y < 0 || y >= Classes)
        {
            throw new ArgumentOutOfRangeException(nameof(y), y, $"loss: label {y} is outside [0, {Classes}).");
        }
    }
}
