namespace Trainer.Engine.Optim;

/// <summary>
/// Learning rate per step: linear warm-up from peak / warmup to the peak over the first <see cref="WarmupSteps"/>
/// steps, then a cosine decay from the peak to <see cref="FinalLearningRate"/> at <see cref="TotalSteps"/> (held after).
/// </summary>
internal sealed class WarmupCosineSchedule
{
    /// <summary>Makes the schedule.</summary>
    public WarmupCosineSchedule(float peakLearningRate, int warmupSteps, int totalSteps, float finalLearningRate = 0f)
    {
        if (!(peakLearningRate > 0) || warmupSteps < 0 || totalSteps <= warmupSteps || !(finalLearningRate >= 0) || finalLearningRate > peakLearningRate)
        {
            throw new ArgumentException($"schedule: needs peak > 0, 0 <= warmup < total and 0 <= final <= peak (got peak {peakLearningRate}, warmup {warmupSteps}, total {totalSteps}, final {finalLearningRate}).");
        }

        PeakLearningRate = peakLearningRate;
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        FinalLearningRate = finalLearningRate;
    }

    /// <summary>The rate at the end of warm-up.</summary>
    public float PeakLearningRate { get; }

    /// <summary>Steps of linear warm-up.</summary>
    public int WarmupSteps { get; }

    /// <summary>The step at which the decay reaches <see cref="FinalLearningRate"/>.</summary>
    public int TotalSteps { get; }

    /// <summary>The rate at and after <see cref="TotalSteps"/>.</summary>
    public float FinalLearningRate { get; }

    /// <summary>The rate for 0-based step <paramref name="step"/>.</summary>
    public float At(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step < WarmupSteps)
        {
            return PeakLearningRate * (step + 1) / WarmupSteps;
        }

        var progress = Math.Min(1.0, (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps));
        return (float)(FinalLearningRate + (0.5 * (PeakLearningRate - FinalLearningRate) * (1 + Math.Cos(Math.PI * progress))));
    }
}
