using EdgeService.Detection;
using EdgeService.Model;
using EdgeService.Pipeline;
using Kws.Onnx.Contract;

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

    /// <summary>The whole pipeline for <paramref name="model"/>.</summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="sinks">Where detections go.</param>
    /// <param name="stats">The counters.</param>
    /// <param name="decorateSmoother">
    /// Wraps the smoother, for tools that watch what reaches it (the trainer's stream evaluation records the scores once
    /// and replays them at other thresholds); null for the smoother itself.
    /// </param>
    /// <exception cref="ConfigurationException">The model and the settings do not fit together.</exception>
    public static DetectionPipeline Compose(OnnxKeywordModel model, ServiceSettings settings, IEnumerable<IDetectionSink> sinks, PipelineStats stats,
        Func<IPosteriorSmoother, IPosteriorSmoother>? decorateSmoother = null) =>
        new(ComposeStage(model, settings, decorateSmoother), new EnergyGate(settings.Gate, SampleRateHz), sinks, stats) { InputGain = settings.Pipeline.InputGain };

    /// <summary>The model-bound part of the pipeline for <paramref name="model"/> (also for a model swapped in later).</summary>
    /// <exception cref="ConfigurationException">The model and the settings do not fit together.</exception>
    public static ModelStage ComposeStage(OnnxKeywordModel model, ServiceSettings settings, Func<IPosteriorSmoother, IPosteriorSmoother>? decorateSmoother = null)
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
        var smootherOptions = SmootherOptions(contract, settings.Smoother);
        var unknown = smootherOptions.Thresholds.Keys.Where(k => !contract.Keywords.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ConfigurationException(
                $"Smoother:Thresholds names {string.Join(", ", unknown.Select(k => $"'{k}'"))}, which the model does not detect (its keywords: {string.Join(", ", contract.Keywords)})");
        }

        IPosteriorSmoother smoother = new PosteriorSmoother(contract.Labels, smootherOptions, SampleRateHz, frontEnd.HopSamples * hopsPerInference);
        return new ModelStage(
            new FeatureWindow(frontEnd, contract.Frames, contract.Normalization),
            model,
            decorateSmoother is null ? smoother : decorateSmoother(smoother),
            frontEnd.HopSamples,
            hopsPerInference,
            contract.SamplesPerInput);
    }

    /// <summary>
    /// The smoother settings in force for a model: a copy of <paramref name="configured"/> (which stays as configured,
    /// so a model loaded later gets its own suggestions) with the model's suggested thresholds added for the keywords
    /// the settings leave unset.
    /// </summary>
    public static PosteriorSmootherOptions SmootherOptions(ModelContract contract, PosteriorSmootherOptions configured)
    {
        var options = configured.Copy();
        foreach (var (keyword, threshold) in contract.Thresholds)
        {
            options.Thresholds.TryAdd(keyword, threshold);
        }

        return options;
    }
}
