using System.Diagnostics;
using System.Numerics.Tensors;

namespace Kws.Detection.Pipeline;

/// <summary>
/// The pipeline after the ring buffer, on the sample clock: audio is cut into front-end hops (10 ms); each hop is
/// multiplied by <see cref="InputGain"/> and goes through the energy gate and into the feature window; every
/// InferenceHopMs, when the window is full and the gate is open, the model runs on the window and its scores go to the
/// smoother, whose detections go to the sinks.
/// While the gate is closed the model is skipped but the features keep up. A gap in the sample indices (samples
/// dropped upstream) resets the window and the smoother, since the audio on both sides does not belong together; so
/// does <see cref="Restart"/> (a new capture stream, where the indices run on).
/// Allocation-free per hop. Single-threaded: one caller (the service loop, or <c>detect</c>) at a time.
/// </summary>
public sealed class DetectionPipeline
{
    private readonly IEnergyGate _gate;
    private readonly IDetectionSink[] _sinks;
    private readonly float _inputGain = 1f;
    private ModelStage _stage;
    private float[] _hop;
    private int _hopFill;
    private int _hopsSinceInference;
    private long _nextIndex;
    private long _framesAtLastRun = -1;
    private bool _priming;

    /// <summary>Builds the pipeline from its stages (see <see cref="ModelStage"/> for the model-bound ones).</summary>
    public DetectionPipeline(IFeatureWindow window, IEnergyGate gate, IKeywordModel model, IPosteriorSmoother smoother,
        IEnumerable<IDetectionSink> sinks, int hopSamples, int hopsPerInference, long windowSamples, PipelineStats stats)
        : this(new ModelStage(window, model, smoother, hopSamples, hopsPerInference, windowSamples), gate, sinks, stats)
    {
    }

    /// <summary>Builds the pipeline from a model stage, the gate, the sinks and the counters.</summary>
    public DetectionPipeline(ModelStage stage, IEnergyGate gate, IEnumerable<IDetectionSink> sinks, PipelineStats stats)
    {
        ArgumentNullException.ThrowIfNull(stage);
        Check(stage);
        _gate = gate;
        _sinks = sinks.ToArray();
        Stats = stats;
        _stage = stage;
        _hop = new float[stage.HopSamples];
    }

    /// <summary>The model in use.</summary>
    public IKeywordModel Model => _stage.Model;

    /// <summary>The counters for the stats line.</summary>
    public PipelineStats Stats { get; }

    /// <summary>The linear gain applied to every hop before the gate and the front end (1: none); positive and finite.</summary>
    public float InputGain
    {
        get => _inputGain;
        init
        {
            if (!float.IsFinite(value) || value <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The input gain must be positive and finite.");
            }

            _inputGain = value;
        }
    }

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
    /// Swaps in another model stage (a replaced model file) between two calls of <see cref="Process"/>, without losing
    /// a detection: the new stage is first fed <paramref name="recent"/>, the audio this pipeline has just processed
    /// (<see cref="RecentAudio"/>, ending where the next <see cref="Process"/> call goes on), so its window is full and
    /// its smoother warm at once. While it catches up it reports and counts nothing, and the energy gate is not
    /// consulted (it has already judged that audio, and keeps its state for the live audio that follows). A keyword
    /// this pipeline has just reported is not reported twice (the new smoother takes over the refractory time); one
    /// still being spoken fires in the new stage when the live audio completes it.
    /// </summary>
    /// <param name="next">The new stage.</param>
    /// <param name="recent">The audio processed last, oldest first; the last model input and smoother window of it are used.</param>
    /// <param name="recentFirstSampleIndex">The sample clock index of <paramref name="recent"/>[0].</param>
    /// <param name="caughtUpSamples">How much of <paramref name="recent"/> the new stage was fed.</param>
    /// <returns>The model taken out of use, for the caller to dispose.</returns>
    public IKeywordModel Replace(ModelStage next, ReadOnlySpan<float> recent, long recentFirstSampleIndex, out int caughtUpSamples)
    {
        ArgumentNullException.ThrowIfNull(next);
        Check(next);
        if (recentFirstSampleIndex + recent.Length != _nextIndex)
        {
            throw new ArgumentException($"the recent audio ends at sample {recentFirstSampleIndex + recent.Length}, but the pipeline has processed up to {_nextIndex}", nameof(recent));
        }

        var retired = _stage.Model;
        var refractoryUntil = _stage.Smoother.RefractoryUntilSample;
        _stage = next;
        _hop = next.HopSamples == _hop.Length ? _hop : new float[next.HopSamples];
        Restart();

        // Enough to fill the window and then the smoother's average, so a word being spoken fires as it would have.
        var need = next.WindowSamples + ((long)(next.Smoother.WindowHops + 1) * next.HopsPerInference * next.HopSamples);
        var catchUp = recent[(int)Math.Max(0, recent.Length - need)..];
        caughtUpSamples = catchUp.Length;
        _priming = true;
        try
        {
            _nextIndex -= catchUp.Length; // Restart keeps the sample clock where it was
            Process(catchUp, _nextIndex);
        }
        finally
        {
            _priming = false;
        }

        // A detection the old smoother made keeps its refractory time (the new one may not have scored that word high).
        next.Smoother.RefractoryUntilSample = Math.Max(next.Smoother.RefractoryUntilSample, refractoryUntil);
        return retired;
    }

    /// <summary>
    /// Starts afresh at the next sample, as after a gap: the audio that follows does not continue what came before
    /// (a new capture stream, <see cref="RingRead.AfterDiscontinuity"/>), so the window and the smoother are emptied.
    /// </summary>
    public void Restart()
    {
        _stage.Window.Reset();
        _stage.Smoother.Reset();
        _hopFill = 0;
        _hopsSinceInference = 0;
        _framesAtLastRun = -1;
    }

    private void ProcessHop(long hopEnd)
    {
        if (_inputGain != 1f)
        {
            TensorPrimitives.Multiply(_hop, _inputGain, _hop);
        }

        var open = _priming || _gate.Process(_hop, hopEnd - _hop.Length);
        if (!_priming && _gate.JustOpened && _gate.ClosedSpanSamples > _stage.WindowSamples)
        {
            _stage.Smoother.Reset();
        }

        var window = _stage.Window;
        window.Push(_hop);
        if (!_priming)
        {
            Stats.CountHop(_hop.Length, open, _gate.LastEnergyDbfs);
        }

        if (++_hopsSinceInference < _stage.HopsPerInference)
        {
            return;
        }

        _hopsSinceInference = 0;
        if (!open || !window.IsFull)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var model = _stage.Model;
        window.CopyTo(model.Input);
        var produced = window.FramesProduced;
        var newFrames = _framesAtLastRun < 0 ? IKeywordModel.AllNew : (int)Math.Min(produced - _framesAtLastRun, IKeywordModel.AllNew);
        _framesAtLastRun = -1; // until the run succeeds: a model that threw starts afresh
        model.Run(newFrames);
        _framesAtLastRun = produced;
        if (!_priming)
        {
            Stats.Inference.Record(Stopwatch.GetTimestamp() - started);
        }

        if (_stage.Smoother.Push(model.Scores, hopEnd, out var detection) && !_priming)
        {
            Stats.CountDetection();
            foreach (var sink in _sinks)
            {
                sink.OnDetection(detection);
            }
        }
    }

    private static void Check(ModelStage stage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stage.HopSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stage.HopsPerInference, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stage.WindowSamples, 1);
    }
}
