namespace Trainer.StreamEval;

/// <summary>One detection the pipeline reported: the keyword, its time on the stream's sample clock and its smoothed score.</summary>
internal readonly record struct StreamDetection(string Keyword, double TimeS, float Score);
