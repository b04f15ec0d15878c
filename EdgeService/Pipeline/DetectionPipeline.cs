using System.Diagnostics;
using EdgeService.Detection;

namespace EdgeService.Pipeline;

/// <summary>
/// The pipeline after the ring buffer, on the sample clock: audio is cut into front-end hops (10 ms); each hop goes
/// through the energy gate and into the feature window; every InferenceHopMs, when the window is full and the gate
/// is open, the model runs on the window and its scores go to the smoother, whose detections go to the sinks.
/// While the gate is closed the model is skipped but the features keep up. A gap in the sample indices (samples
/// dropped upstream) resets the window and the smoother, since the audio on both sides does not belong together; so
/// does <see cref="Restart"/> (a new capture stream, where the indices run on).
/// Allocation-free per hop. Single-threaded: one caller (the service loop, or <c>detect</c>) at a time.
/// </summary>
internal sealed class DetectionPipeline
{
    private readonly IFeatureWindow _window;
    private readonly IEnergyGate _gate;
    private readonly IKeywordModel _model;
    private readonly IPosteriorSmoother _smoother;
    private readonly IDetectionSink[] _sinks;
    private readonly float[] _hop;
    private readonly int _hopsPerInference;
    private readonly long _smootherResetSamples;
    private int _hopFill;
    private int _hopsSinceInference;
    private long _nextIndex;

    public DetectionPipeline(IFeatureWindow window, IEnergyGate gate, IKeywordModel model, IPosteriorSmoother smoother,
        IEnumerable<IDetectionSink> sinks, int hopSamples, int hopsPerInference, long windowSamples, PipelineStats stats)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hopSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hopsPerInference, 1);
        _window = window;
        _gate = gate;
        _model = model;
        _smoother = smoother;
        _sinks = sinks.ToArray();
        _hop = new float[hopSamples];
        _hopsPerInference = hopsPerInference;
        _smootherResetSamples = windowSamples;
        Stats = stats;
    }

    /// <summary>The counters for the stats line.</summary>
    public PipelineStats Stats { get; }

    /// <summary>Processes <paramref name="samples"/> (mono, at the front end's rate), the first of which has absolute index <paramref name="firstSampleIndex"/>.</summary>
    public void Process(ReadOnlySpan<float> samples, long firstSampleIndex)
    {
        if (firstSampleIndex != _nextIndex)
        {
            Restart();
            Stats.CountGap();
        }

        var index = firstSampleIndex;
        _nextIndex = firstSampleIndex + samples.Length;
        while (!samples.IsEmpty)
        {
            var take = Math.Min(_hop.Length - _hopFill, samples.Length);
            samples[..take].CopyTo(_hop.AsSpan(_hopFill));
            _hopFill += take;
            index += take;
            samples = samples[take..];
            if (_hopFill == _hop.Length)
            {
                _hopFill = 0;
                ProcessHop(index);
            }
        }
    }

    /// <summary>
    /// Starts afresh at the next sample, as after a gap: the audio that follows does not continue what came before
    /// (a new capture stream, <see cref="RingRead.AfterDiscontinuity"/>), so the window and the smoother are emptied.
    /// </summary>
    public void Restart()
    {
        _window.Reset();
        _smoother.Reset();
        _hopFill = 0;
        _hopsSinceInference = 0;
    }

    private void ProcessHop(long hopEnd)
    {
        var open = _gate.Process(_hop, hopEnd - _hop.Length);
        if (_gate.JustOpened && _gate.ClosedSpanSamples > _smootherResetSamples)
        {
            _smoother.Reset();
        }

        _window.Push(_hop);
        Stats.CountHop(_hop.Length, open);
        if (++_hopsSinceInference < _hopsPerInference)
        {
            return;
        }

        _hopsSinceInference = 0;
        if (!open || !_window.IsFull)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        _window.CopyTo(_model.Input);
        _model.Run();
        Stats.Inference.Record(Stopwatch.GetTimestamp() - started);
        if (_smoother.Push(_model.Scores, hopEnd, out var detection))
        {
            Stats.CountDetection();
            foreach (var sink in _sinks)
            {
                sink.OnDetection(detection);
            }
        }
    }
}
