using Trainer.Data;

namespace Trainer.Training;

/// <summary>One training example of an epoch: a clip, or (Clip null) a silence cut made from background noise.</summary>
internal readonly record struct Example(Clip? Clip, int ClassIndex);
