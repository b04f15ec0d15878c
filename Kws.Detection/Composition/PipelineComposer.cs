using Kws.Audio;
using Kws.Detection.Model;
using Kws.Detection.Options;
using Kws.Detection.Pipeline;
using Kws.Onnx.Contract;

namespace Kws.Detection.Composition;

/// <summary>
/// Puts the pipeline together from a loaded model and the settings: the front end, window and normalisation come
/// from the model's contract; thresholds from the settings, else the model's suggestions, else the default.
/// The service, <see cref="DetectionReplay"/> (<c>kws-edge detect</c>, the trainer's stream evaluation and soak) and the
/// benchmarks all build their pipeline here.
/// </summary>
public static class PipelineComposer
{
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
    public static DetectionPipeline Compose(OnnxKeywordModel model, DetectionSettings settings, IEnumerable<IDetectionSink> sinks, PipelineStats stats,
        Func<IPosteriorSmoother, IPosteriorSmoother>? decorateSmoother = null) =>
        new(ComposeStage(model, settings, decorateSmoother), new EnergyGate(settings.Gate, PipelineAudio.SampleRateHz), sinks, stats) { InputGain = settings.Pipeline.InputGain };

    /// <summary>The model-bound part of the pipeline for <paramref name="model"/> (also for a model swapped in later).</summary>
    /// <exception cref="ConfigurationException">The model and the settings do not fit together.</exception>
    public static ModelStage ComposeStage(OnnxKeywordModel model, DetectionSettings settings, Func<IPosteriorSmoother, IPosteriorSmoother>? decorateSmoother = null)
    {
        var contract = model.Contract;
        var frontEnd = contract.FrontEnd;
        if (frontEnd.SampleRateHz != PipelineAudio.SampleRateHz)
        {
            throw new ConfigurationException(
                $"model {Path.GetFileName(model.ModelPath)} expects {frontEnd.SampleRateHz} Hz audio (kws.sample_rate_hz), but the service delivers {PipelineAudio.SampleRateHz} Hz");
        }

        var hopsPerInference = HopsPerInference(contract, settings.Pipeline);
        var smootherOptions = SmootherOptions(contract, settings.Smoother);
        var unknown = smootherOptions.Thresholds.Keys.Where(k => !contract.Keywords.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ConfigurationException(
                $"Smoother:Thresholds names {string.Join(", ", unknown.Select(k => $"'{k}'"))}, which the model does not detect (its keywords: {string.Join(", ", contract.Keywords)})");
        }

        model.PrepareStep(hopsPerInference);
        IPosteriorSmoother smoother = new PosteriorSmoother(contract.Labels, smootherOptions, PipelineAudio.SampleRateHz, frontEnd.HopSamples * hopsPerInference);
        return new ModelStage(
            new FeatureWindow(frontEnd, contract.Frames, contract.Normalization),
            model,
            decorateSmoother is null ? smoother : decorateSmoother(smoother),
            frontEnd.HopSamples,
            hopsPerInference,
            contract.SamplesPerInput);
    }

    /// <summary>Front-end hops between two runs of the model: Pipeline:InferenceHopMs over the model's hop.</summary>
    /// <exception cref="ConfigurationException">The inference hop is not a whole multiple of the model's hop.</exception>
    public static int HopsPerInference(ModelContract contract, PipelineOptions pipeline)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(pipeline);
        var hopMs = pipeline.InferenceHopMs;
        var hops = hopMs / contract.FrontEnd.HopMs;
        if (Math.Abs(hops - Math.Round(hops)) > 1e-9 || hops < 1)
        {
            throw new ConfigurationException(
                $"Pipeline:InferenceHopMs is {hopMs}; it must be a whole multiple of the model's hop, {contract.FrontEnd.HopMs} ms (kws.hop_ms)");
        }

        return (int)Math.Round(hops);
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

    /// <summary>The threshold in force for each of the model's keywords: the settings', else the model's suggestion, else the default.</summary>
    public static IReadOnlyDictionary<string, float> Thresholds(ModelContract contract, PosteriorSmootherOptions configured)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var options = SmootherOptions(contract, configured);
        return contract.Keywords.ToDictionary(k => k, k => options.Thresholds.TryGetValue(k, out var t) ? t : options.DefaultThreshold, StringComparer.Ordinal);
    }
}
