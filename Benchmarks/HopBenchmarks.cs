using BenchmarkDotNet.Attributes;
using Kws.Audio.Wav;
using Kws.Detection.Composition;
using Kws.Detection.Model;
using Kws.Detection.Pipeline;

namespace Benchmarks;

/// <summary>
/// The service's hot path, per hop: the front end for one 10 ms frame, one inference on a whole window, the model's
/// share of a hop (for a streaming model the 5 new frames only), and one whole inference hop of
/// the pipeline (5 frames, gate, window copy, model, smoother, through <see cref="DetectionReplay"/> as
/// <c>kws-edge detect</c> runs it), with the bundled model and with the one bundled before
/// it (<see cref="Model"/>), so that old and new are measured in the same run. Memory diagnoser on: the steady state
/// must allocate 0 B.
/// </summary>
/// <remarks>
/// Runs in process (BenchmarkDotNet 0.14, the newest on the package mirror, cannot generate .NET 10 projects).
/// </remarks>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(3)]
[IterationCount(10)]
public class HopBenchmarks
{
    private float[] _audio = [];
    private int _position;
    private long _index;
    private FeatureWindow _window = null!;
    private OnnxKeywordModel _model = null!;
    private DetectionReplay _replay = null!;
    private float[] _input = [];

    /// <summary>The model file, relative to the repository: the bundled one, the streaming one and the one bundled before them.</summary>
    [Params("models/kws-yesno.onnx", "models/kws-yesno-streaming.onnx", "models/previous/kws-yesno-2026-11.onnx")]
    public string Model { get; set; } = "models/kws-yesno.onnx";

    [GlobalSetup]
    public void Setup()
    {
        var repo = FindRepo();
        var fixture = Path.Combine(repo, "tests", "fixtures", "stream_yes_no.wav");
        _audio = WavReader.ReadFloatMono(fixture, out _);
        var settings = DetectionSettings.FromArguments(["--Gate:Enabled=false", $"--Model:Path={Path.Combine(repo, Model)}"]);
        _model = ModelLoader.Open(settings.Model);
        var contract = _model.Contract;
        _model.PrepareStep(5);
        _window = new FeatureWindow(contract.FrontEnd, contract.Frames, contract.Normalization);
        _window.Push(_audio.AsSpan(0, 32000));
        _input = new float[contract.Frames * contract.FrontEnd.MelBins];
        _replay = new DetectionReplay(settings, []);
        _replay.Feed(_audio.AsSpan(0, 32000), 0);
        _position = 32000;
        _index = 32000;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _replay.Dispose();
        _model.Dispose();
    }

    /// <summary>Log-mel of one 10 ms frame into the sliding window.</summary>
    [Benchmark]
    public int FeatureFrame() => _window.Push(Next(160));

    /// <summary>One model run on the full window (copy, normalise, ONNX Runtime); a streaming model starts afresh.</summary>
    [Benchmark]
    public float Inference()
    {
        _window.CopyTo(_model.Input);
        _model.Run(IKeywordModel.AllNew);
        return _model.Scores[0];
    }

    /// <summary>
    /// The model's share of one 50 ms hop (copy, normalise, ONNX Runtime), as the pipeline runs it: a streaming model
    /// computes the 5 new frames and carries its state; a whole-window model runs on the whole window as above.
    /// </summary>
    [Benchmark]
    public float InferenceHop()
    {
        _window.CopyTo(_model.Input);
        _model.Run(5);
        return _model.Scores[0];
    }

    /// <summary>One inference hop of the whole pipeline: 50 ms of audio, 5 frames, gate, model, smoother.</summary>
    [Benchmark]
    public long PipelineHop()
    {
        var hop = Next(800);
        _replay.Feed(hop, _index);
        _index += hop.Length;
        return _index;
    }

    private ReadOnlySpan<float> Next(int n)
    {
        if (_position + n > _audio.Length)
        {
            _position = 0;
        }

        var span = _audio.AsSpan(_position, n);
        _position += n;
        return span;
    }

    internal static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KeywordSpotter.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
