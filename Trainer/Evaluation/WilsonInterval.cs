namespace Trainer.Evaluation;

/// <summary>
/// The Wilson score interval of a proportion: how far a share measured on few examples (a recall from a few dozen
/// clips of a dozen speakers) can be from the true one. 95% by default; unlike the normal approximation it stays
/// within [0, 1] and is not empty at 0 or n successes.
/// </summary>
/// <param name="Low">Lower bound (0..1).</param>
/// <param name="High">Upper bound (0..1).</param>
internal readonly record struct WilsonInterval(double Low, double High)
{
    /// <summary>z of the two-sided 95% level.</summary>
    public const double Z95 = 1.959964;

    /// <summary>The interval of <paramref name="successes"/> out of <paramref name="trials"/>; NaN bounds for 0 trials.</summary>
    public static WilsonInterval Of(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0)
        {
            return new WilsonInterval(double.NaN, double.NaN);
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var centre = p + (z2 / (2 * n));
        var spread = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        var scale = 1 + (z2 / n);
        var low = successes == 0 ? 0 : Math.Max(0, (centre - spread) / scale);
        var high = successes == trials ? 1 : Math.Min(1, (centre + spread) / scale);
        return new WilsonInterval(low, high);
    }

    /// <summary>E.g. "50.8–80.9 %".</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Low * 100:F1}–{High * 100:F1} %");
}
