using Kws.Audio;
using Kws.Detection.Composition;
using Kws.Detection.Pipeline;
using Kws.Onnx.Contract;

namespace Trainer.StreamEval;

/// <summary>
/// Records everything the pipeline hands its posterior smoother in one pass (every hop's scores with its sample index,
/// and every reset), while the real smoother runs as usual. The gate, the front end and the model do not depend on the
/// smoother's settings, so <see cref="Replay"/> gives a fresh smoother with other settings (another threshold, say)
/// exactly the calls it would get in a pass of its own, at a small part of a pass's cost: a threshold sweep runs the
/// model once.
/// </summary>
internal sealed class SmootherTape(IPosteriorSmoother inner) : IPosteriorSmoother
{
    private readonly List<(float[]? Scores, long SampleIndex)> _events = [];
    private ModelContract? _contract;
    private int _hopSamples;

    /// <summary>Tells the tape the model and the hop its calls come from (known once the pipeline is composed).</summary>
    public SmootherTape Bind(ModelContract contract, int hopSamples)
    {
        _contract = contract;
        _hopSamples = hopSamples;
        return this;
    }

    /// <summary>Calls recorded: pushes and resets (a reset is an entry without scores).</summary>
    public int Count => _events.Count;

    /// <summary>The calls recorded, in order: each push's scores and sample index, or a reset (no scores, index 0).</summary>
    public IReadOnlyList<(float[]? Scores, long SampleIndex)> Events => _events;

    /// <inheritdoc />
    public IReadOnlyList<string> Labels => inner.Labels;

    /// <inheritdoc />
    public int WindowHops => inner.WindowHops;

    /// <inheritdoc />
    public bool IsWarm => inner.IsWarm;

    /// <inheritdoc />
    public ReadOnlySpan<float> Smoothed => inner.Smoothed;

    /// <inheritdoc />
    public long RefractoryUntilSample
    {
        get => inner.RefractoryUntilSample;
        set => inner.RefractoryUntilSample = value;
    }

    /// <inheritdoc />
    public bool Push(ReadOnlySpan<float> scores, long sampleIndex, out KeywordDetection detection)
    {
        _events.Add((scores.ToArray(), sampleIndex));
        return inner.Push(scores, sampleIndex, out detection);
    }

    /// <inheritdoc />
    public void Reset()
    {
        _events.Add((null, 0));
        inner.Reset();
    }

    /// <summary>The detections a smoother with <paramref name="settings"/>' smoother options (and the model's suggested thresholds where they set none) makes on the recorded calls.</summary>
    public IReadOnlyList<StreamDetection> Replay(PosteriorSmootherOptions settings, out IReadOnlyDictionary<string, float> thresholds)
    {
        var contract = _contract ?? throw new InvalidOperationException("the tape is not bound to a model yet");
        var smoother = new PosteriorSmoother(contract.Labels, PipelineComposer.SmootherOptions(contract, settings), PipelineAudio.SampleRateHz, _hopSamples);
        thresholds = PipelineComposer.Thresholds(contract, settings);
        var detections = new List<StreamDetection>();
        foreach (var (scores, index) in _events)
        {
            if (scores is null)
            {
                smoother.Reset();
            }
            else if (smoother.Push(scores, index, out var d))
            {
                detections.Add(new StreamDetection(d.Keyword, d.TimeS, d.Score));
            }
        }

        return detections;
    }
}
