using Trainer.Data;

namespace Trainer.Training;

/// <summary>
/// One training example of an epoch: a clip, or (Clip null) a silence cut made from background noise; and optionally
/// a neighbour, another word run together with it (<see cref="EpochPlanner"/>): after or before a keyword, which stays
/// whole, or joined to another word so that the window holds the end of one and the start of the other.
/// </summary>
internal readonly record struct Example(Clip? Clip, int ClassIndex, Clip? Neighbour = null);
