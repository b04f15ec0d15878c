using System.Diagnostics;
using Kws.Audio;
using Kws.Audio.Wav;
using Kws.Detection.Model;
using Kws.Detection.Pipeline;
using Kws.Onnx.Contract;

namespace Kws.Detection.Composition;

/// <summary>
/// Replays audio through the service's own pipeline: <see cref="ModelLoader"/> opens the model (its own ONNX Runtime
/// session) and <see cref="PipelineComposer"/> builds the <see cref="DetectionPipeline"/> from the settings, exactly as
/// the service does. <c>kws-edge detect</c>, the trainer's stream evaluation and soak, and the benchmarks all replay
/// through this one class. One replay per thread; the caller's clock is the sample index it gives.
/// </summary>
public sealed class DetectionReplay : IDisposable
{
    /// <summary>Samples fed per step by <see cref="FeedAll"/> and <see cref="ReplayFile"/>: 100 ms.</summary>
    public const int ChunkSamples = PipelineAudio.SampleRateHz / 10;

    private readonly OnnxKeywordModel _model;
    private readonly DetectionPipeline _pipeline;
    private readonly CountingSink _counter = new();

    /// <summary>Opens the model and composes the pipeline.</summary>
    /// <param name="settings">The settings (validated).</param>
    /// <param name="sinks">Where detections go.</param>
    /// <param name="decorateSmoother">Wraps the smoother, for tools that watch what reaches it; null for none.</param>
    /// <exception cref="Options.ConfigurationException">The model and the settings do not fit together.</exception>
    public DetectionReplay(DetectionSettings settings, IEnumerable<IDetectionSink> sinks, Func<IPosteriorSmoother, IPosteriorSmoother>? decorateSmoother = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sinks);
        _model = ModelLoader.Open(settings.Model);
        try
        {
            _pipeline = PipelineComposer.Compose(_model, settings, [_counter, .. sinks], new PipelineStats(), decorateSmoother);
        }
        catch
        {
            _model.Dispose();
            throw;
        }

        Settings = settings;
        Thresholds = PipelineComposer.Thresholds(_model.Contract, settings.Smoother);
        InferenceHopSamples = Contract.FrontEnd.HopSamples * PipelineComposer.HopsPerInference(Contract, settings.Pipeline);
    }

    /// <summary>The settings as given (<see cref="Thresholds"/> has the thresholds in force, the model's own included).</summary>
    public DetectionSettings Settings { get; }

    /// <summary>The model file that was opened.</summary>
    public string ModelPath => _model.ModelPath;

    /// <summary>The model's contract.</summary>
    public ModelContract Contract => _model.Contract;

    /// <summary>The threshold in force per keyword.</summary>
    public IReadOnlyDictionary<string, float> Thresholds { get; }

    /// <summary>Samples between two runs of the model.</summary>
    public int InferenceHopSamples { get; }

    /// <summary>The pipeline's counters (hops, gate, inferences).</summary>
    public PipelineStats Stats => _pipeline.Stats;

    /// <summary>Detections so far.</summary>
    public long Detections => _counter.Count;

    /// <summary>Feeds <paramref name="samples"/> (mono, the pipeline's rate), whose first sample has index <paramref name="firstSampleIndex"/> on the stream's clock.</summary>
    public void Feed(ReadOnlySpan<float> samples, long firstSampleIndex) => _pipeline.Process(samples, firstSampleIndex);

    /// <summary>
    /// Feeds <paramref name="audio"/> (mono, the pipeline's rate) in steps of <see cref="ChunkSamples"/>, as the
    /// service would see it <paramref name="firstSampleIndex"/> samples after it started (0 for a recording).
    /// </summary>
    public ReplayResult FeedAll(ReadOnlySpan<float> audio, long firstSampleIndex = 0)
    {
        var started = Stopwatch.GetTimestamp();
        var before = Detections;
        for (var pos = 0; pos < audio.Length; pos += ChunkSamples)
        {
            Feed(audio.Slice(pos, Math.Min(ChunkSamples, audio.Length - pos)), firstSampleIndex + pos);
        }

        return new ReplayResult(Detections - before, audio.Length, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// Replays the WAV recording <paramref name="path"/> from sample 0, read block by block (any rate, channel count and
    /// sample type the reader takes): memory does not grow with the recording's length.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="WavFormatException">The file is not a WAV the reader takes, or its data is cut short.</exception>
    public ReplayResult ReplayFile(string path)
    {
        using var reader = WavStreamReader.Open(path, PipelineAudio.SampleRateHz);
        return Replay(reader);
    }

    /// <summary>Replays what <paramref name="reader"/> has left (it must read at the pipeline's rate) from sample 0, block by block.</summary>
    /// <exception cref="WavFormatException">The data is cut short.</exception>
    public ReplayResult Replay(WavStreamReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.SampleRateHz != PipelineAudio.SampleRateHz)
        {
            throw new ArgumentException($"the reader gives {reader.SampleRateHz} Hz; the pipeline takes {PipelineAudio.SampleRateHz} Hz", nameof(reader));
        }

        var started = Stopwatch.GetTimestamp();
        var before = Detections;
        var chunk = new float[ChunkSamples];
        long position = 0;
        int n;
        while ((n = reader.Read(chunk)) > 0)
        {
            Feed(chunk.AsSpan(0, n), position);
            position += n;
        }

        return new ReplayResult(Detections - before, position, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <inheritdoc />
    public void Dispose() => _model.Dispose();

    private sealed class CountingSink : IDetectionSink
    {
        public long Count { get; private set; }

        public void OnDetection(in KeywordDetection detection) => Count++;
    }
}
