namespace Trainer.Training;

/// <summary>Training produced a loss that is not a finite number: nothing it learned can be kept.</summary>
/// <param name="message">Says where it happened and what to try.</param>
internal sealed class TrainingDivergedException(string message) : Exception(message);
