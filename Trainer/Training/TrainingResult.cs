using Kws.Audio.Features;
using Trainer.Engine.Models;

namespace Trainer.Training;

/// <summary>A trained model with what it needs to be exported and reported: normalisation, history, the chosen epoch.</summary>
internal sealed record TrainingResult(Sequential Model, FeatureNormalization Normalization, IReadOnlyList<EpochStats> History, int BestEpoch, Featurizer Featurizer);
