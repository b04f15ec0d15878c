using EdgeService.Detection;
using EdgeService.Model;
using EdgeService.Pipeline;

namespace EdgeService.Hosting;

/// <summary>
/// Puts the pipeline together from a loaded model and the settings: the front end, window and normalisation come
/// from the model's contract; thresholds from the settings, else the model's suggestions, else the default.
/// The service and the <c>detect</c> command both build their pipeline here.
/// </summary>
internal static class PipelineComposer
{
    /// <summary>The sample rate every source delivers.</summary>
    public const int SampleRateHz = 16000;

    public static DetectionPipeline Compose(OnnxKeywordModel model, ServiceSettings settings, IEnumerable<IDetectionSink> sinks, PipelineStats stats)
    {
        var contract = model.Contract;
        var frontEnd = contract.FrontEnd;
        if (frontEnd.SampleRateHz != SampleRateHz)
        {
            throw new ConfigurationException(
                $"model {Path.GetFileName(model.ModelPath)} expects {frontEnd.SampleRateHz} Hz audio (kws.sample_rate_hz), but the service delivers {SampleRateHz} Hz");
        }

        var hopMs = settings.Pipeline.InferenceHopMs;
        var hops = hopMs / frontEnd.HopMs;
        if (Math.Abs(hops - Math.Round(hops)) > 1e-9 || hops < 1)
        {
            throw new ConfigurationException(
                $"Pipeline:InferenceHopMs is {hopMs}; it must be a whole multiple of the model's hop, {frontEnd.HopMs} ms (kws.hop_ms)");
        }

        var hopsPerInference = (int)Math.Round(hops);
        var smootherOptions = settings.Smoother;
        foreach (var (keyword, threshold) in contract.Thresholds)
        {
            smootherOptions.Thresholds.TryAdd(keyword, threshold);
        }

        var unknown = smootherOptions.Thresholds.Keys.Where(k => !contract.Keywords.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ConfigurationException(
                $"Smoother:Thresholds names {string.Join(", ", unknown.Select(k => $"'{k}'"))}, which the model does not detect (its keywords: {string.Join(", ", contract.Keywords)})");
        }

        return new DetectionPipeline(
            new FeatureWindow(frontEnd, contract.Frames, contract.Normalization),
            new EnergyGate(settings.Gate, SampleRateHz),
            model,
            new PosteriorSmoother(contract.Labels, smootherOptions, SampleRateHz, frontEnd.HopSamples * hopsPerInference),
            sinks,
            frontEnd.HopSamples,
            hopsPerInference,
            contract.SamplesPerInput,
            stats);
    }
}
