namespace Kws.Detection.Pipeline;

/// <summary>
/// The model-bound part of a <see cref="DetectionPipeline"/>: what a model file decides (the feature window of its
/// front end, the model, the smoother over its labels and thresholds, and the hop sizes). A running pipeline swaps
/// one for another when the model file is replaced (<see cref="DetectionPipeline.Replace"/>).
/// </summary>
/// <param name="Window">The feature window of the model's front end.</param>
/// <param name="Model">The model.</param>
/// <param name="Smoother">The smoother over the model's labels.</param>
/// <param name="HopSamples">Samples per front-end hop (one gate frame).</param>
/// <param name="HopsPerInference">Front-end hops between two runs of the model.</param>
/// <param name="WindowSamples">The samples one model input covers (a gate pause longer than this resets the smoother).</param>
public sealed record ModelStage(IFeatureWindow Window, IKeywordModel Model, IPosteriorSmoother Smoother, int HopSamples, int HopsPerInference, long WindowSamples);
