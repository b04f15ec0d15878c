namespace Trainer.Training;

/// <summary>One epoch's figures, for the progress lines and the curves in the report.</summary>
internal sealed record EpochStats(int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy, double KeywordRecall, double NegativesTakenForKeyword, double Seconds);
