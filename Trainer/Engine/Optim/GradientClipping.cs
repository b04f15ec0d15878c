using System.Numerics.Tensors;

namespace Trainer.Engine.Optim;

/// <summary>Gradient clipping by the global L2 norm over all parameters (as torch.nn.utils.clip_grad_norm_).</summary>
internal static class GradientClipping
{
    /// <summary>
    /// Scales every gradient by maxNorm / (norm + 1e-6) when the global norm exceeds <paramref name="maxNorm"/>;
    /// returns the norm before clipping.
    /// </summary>
    public static float ClipByGlobalNorm(IReadOnlyList<Parameter> parameters, float maxNorm)
    {
        if (!(maxNorm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "clipping: the largest norm must be positive.");
        }

        double sq = 0;
        foreach (var p in parameters)
        {
            sq += TensorPrimitives.SumOfSquares(p.Grad);
        }

        var norm = (float)Math.Sqrt(sq);
        if (norm > maxNorm)
        {
            var scale = maxNorm / (norm + 1e-6f);
            foreach (var p in parameters)
            {
                TensorPrimitives.Multiply(p.Grad, scale, p.Grad);
            }
        }

        return norm;
    }
}
