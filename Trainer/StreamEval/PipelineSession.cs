using EdgeService.Detection;
using EdgeService.Hosting;
using EdgeService.Model;
using EdgeService.Pipeline;

namespace Trainer.StreamEval;

/// <summary>
/// The service's real pipeline for replaying audio: <see cref="ModelLoader"/> opens the model (its own ONNX Runtime
/// session), <see cref="PipelineComposer"/> builds the <see cref="DetectionPipeline"/> from the settings exactly as
/// the service and <c>kws-edge detect</c> do. One session per thread.
/// </summary>
internal sealed class PipelineSession : IDisposable
{
    private readonly OnnxKeywordModel _model;
    private readonly DetectionPipeline _pipeline;
    private readonly Sink _sink;

    /// <summary>
    /// Opens the model and composes the pipeline; <paramref name="keepDetections"/> false only counts them (nothing
    /// grows); <paramref name="recordSmoother"/> records what reaches the smoother in <see cref="Tape"/>.
    /// </summary>
    public PipelineSession(ServiceSettings settings, bool keepDetections = true, bool recordSmoother = false)
    {
        _model = ModelLoader.Open(settings.Model);
        try
        {
            _sink = new Sink(keepDetections);
            var contract = _model.Contract;
            var hopSamples = contract.FrontEnd.HopSamples * (int)Math.Round(settings.Pipeline.InferenceHopMs / contract.FrontEnd.HopMs);
            _pipeline = PipelineComposer.Compose(_model, settings, [_sink], new PipelineStats(),
                recordSmoother ? smoother => Tape = new SmootherTape(smoother, contract, hopSamples) : null);
        }
        catch (ConfigurationException e)
        {
            _model.Dispose();
            throw new ArgumentException(e.Message, e);
        }

        Settings = settings;
        Keywords = [.. _model.Contract.Keywords];
        var smoother = PipelineComposer.SmootherOptions(_model.Contract, settings.Smoother);
        Thresholds = Keywords.ToDictionary(k => k, k => smoother.Thresholds.TryGetValue(k, out var t) ? t : smoother.DefaultThreshold, StringComparer.Ordinal);
    }

    /// <summary>What reached the smoother, when the session records it; else null.</summary>
    public SmootherTape? Tape { get; private set; }

    /// <summary>The settings as given (<see cref="Thresholds"/> has the thresholds in force, the model's own included).</summary>
    public ServiceSettings Settings { get; }

    /// <summary>The model's keywords, in output order.</summary>
    public IReadOnlyList<string> Keywords { get; }

    /// <summary>The threshold in force per keyword.</summary>
    public IReadOnlyDictionary<string, float> Thresholds { get; }

    /// <summary>Detections so far (empty when they are only counted).</summary>
    public IReadOnlyList<StreamDetection> Detections => _sink.Kept;

    /// <summary>Detections so far.</summary>
    public long DetectionCount => _sink.Count;

    /// <summary>The pipeline's counters (hops, gate, inferences).</summary>
    public PipelineStats Stats => _pipeline.Stats;

    /// <summary>Feeds <paramref name="samples"/>, whose first sample has index <paramref name="firstSampleIndex"/> on the stream's clock.</summary>
    public void Feed(ReadOnlySpan<float> samples, long firstSampleIndex) => _pipeline.Process(samples, firstSampleIndex);

    /// <summary>Feeds a whole recording from index 0 in chunks of 100 ms, as <c>kws-edge detect</c> does.</summary>
    public void FeedAll(float[] audio)
    {
        const int Chunk = 1600;
        for (long pos = 0; pos < audio.LongLength; pos += Chunk)
        {
            Feed(audio.AsSpan((int)pos, (int)Math.Min(Chunk, audio.LongLength - pos)), pos);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    private sealed class Sink(bool keep) : IDetectionSink
    {
        private readonly List<StreamDetection> _kept = [];

        public IReadOnlyList<StreamDetection> Kept => _kept;

        public long Count { get; private set; }

        public void OnDetection(in KeywordDetection detection)
        {
            Count++;
            if (keep)
            {
                _kept.Add(new StreamDetection(detection.Keyword, detection.TimeS, detection.Score));
            }
        }
    }
}
