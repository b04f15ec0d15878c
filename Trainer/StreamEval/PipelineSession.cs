using Kws.Detection.Composition;
using Kws.Detection.Options;
using Kws.Detection.Pipeline;

namespace Trainer.StreamEval;

/// <summary>
/// The trainer's view of one <see cref="DetectionReplay"/> (the service's own pipeline, as <c>kws-edge detect</c>
/// runs it): keeps or counts the detections, and can record what reaches the smoother. One session per thread.
/// </summary>
internal sealed class PipelineSession : IDisposable
{
    private readonly DetectionReplay _replay;
    private readonly Sink _sink;

    /// <summary>
    /// Opens the model and composes the pipeline; <paramref name="keepDetections"/> false only counts them (nothing
    /// grows); <paramref name="recordSmoother"/> records what reaches the smoother in <see cref="Tape"/>.
    /// </summary>
    public PipelineSession(DetectionSettings settings, bool keepDetections = true, bool recordSmoother = false)
    {
        _sink = new Sink(keepDetections);
        try
        {
            SmootherTape? tape = null;
            _replay = new DetectionReplay(settings, [_sink], recordSmoother ? smoother => tape = new SmootherTape(smoother) : null);
            Tape = tape?.Bind(_replay.Contract, _replay.InferenceHopSamples);
        }
        catch (ConfigurationException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    /// <summary>What reached the smoother, when the session records it; else null.</summary>
    public SmootherTape? Tape { get; }

    /// <summary>The settings as given (<see cref="Thresholds"/> has the thresholds in force, the model's own included).</summary>
    public DetectionSettings Settings => _replay.Settings;

    /// <summary>The model file that was opened.</summary>
    public string ModelPath => _replay.ModelPath;

    /// <summary>The model's keywords, in output order.</summary>
    public IReadOnlyList<string> Keywords => [.. _replay.Contract.Keywords];

    /// <summary>The threshold in force per keyword.</summary>
    public IReadOnlyDictionary<string, float> Thresholds => _replay.Thresholds;

    /// <summary>Detections so far (empty when they are only counted).</summary>
    public IReadOnlyList<StreamDetection> Detections => _sink.Kept;

    /// <summary>Detections so far.</summary>
    public long DetectionCount => _replay.Detections;

    /// <summary>The pipeline's counters (hops, gate, inferences).</summary>
    public PipelineStats Stats => _replay.Stats;

    /// <summary>Feeds <paramref name="samples"/>, whose first sample has index <paramref name="firstSampleIndex"/> on the stream's clock.</summary>
    public void Feed(ReadOnlySpan<float> samples, long firstSampleIndex) => _replay.Feed(samples, firstSampleIndex);

    /// <summary>Feeds a whole recording from index 0, as <c>kws-edge detect</c> does.</summary>
    public void FeedAll(float[] audio) => _replay.FeedAll(audio);

    /// <inheritdoc />
    public void Dispose() => _replay.Dispose();

    private sealed class Sink(bool keep) : IDetectionSink
    {
        private readonly List<StreamDetection> _kept = [];

        public IReadOnlyList<StreamDetection> Kept => _kept;

        public void OnDetection(in KeywordDetection detection)
        {
            if (keep)
            {
                _kept.Add(new StreamDetection(detection.Keyword, detection.TimeS, detection.Score));
            }
        }
    }
}
