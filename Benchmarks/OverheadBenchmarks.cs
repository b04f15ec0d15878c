using BenchmarkDotNet.Attributes;
using Kws.Audio;
using Kws.Audio.Wav;
using Kws.Detection.Composition;
using Kws.Detection.Pipeline;

namespace Benchmarks;

/// <summary>
/// The service's own work per inference hop (50 ms of audio) beside the model's, stage by stage, with the bundled
/// model's contract: the ring buffer (one hop written and read), the energy gate (5 frames), the feature window's copy
/// and normalisation into the model input, and the smoother (one push). Memory diagnoser on: each must allocate 0 B.
/// </summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(3)]
[IterationCount(10)]
public class OverheadBenchmarks
{
    private const int HopSamples = 800; // 50 ms at 16 kHz, the default inference hop
    private const int FrameSamples = 160;

    private readonly float[] _hop = new float[HopSamples];
    private readonly float[] _read = new float[HopSamples];
    private readonly float[] _scores = [0.02f, 0.03f, 0.05f, 0.9f];
    private AudioRingBuffer _ring = null!;
    private EnergyGate _gate = null!;
    private FeatureWindow _window = null!;
    private PosteriorSmoother _smoother = null!;
    private float[] _input = [];
    private long _index;

    [GlobalSetup]
    public void Setup()
    {
        var repo = HopBenchmarks.FindRepo();
        var audio = WavReader.ReadFloatMono(Path.Combine(repo, "tests", "fixtures", "stream_yes_no.wav"), out _);
        audio.AsSpan(16000, HopSamples).CopyTo(_hop);
        using var replay = new DetectionReplay(DetectionSettings.FromArguments([$"--Model:Path={Path.Combine(repo, "models", "kws-yesno.onnx")}"]), []);
        var contract = replay.Contract;
        _ring = new AudioRingBuffer(PipelineAudio.SampleRateHz, 2000);
        _gate = new EnergyGate(replay.Settings.Gate, PipelineAudio.SampleRateHz);
        _window = new FeatureWindow(contract.FrontEnd, contract.Frames, contract.Normalization);
        _window.Push(audio.AsSpan(0, 32000));
        _input = new float[contract.Frames * contract.FrontEnd.MelBins];
        _smoother = new PosteriorSmoother(contract.Labels, PipelineComposer.SmootherOptions(contract, replay.Settings.Smoother), PipelineAudio.SampleRateHz, HopSamples);
    }

    /// <summary>One hop written into the ring buffer and read back, as the capture and the service loop do.</summary>
    [Benchmark]
    public int RingWriteRead()
    {
        _ring.Write(_hop);
        return _ring.Read(_read).Count;
    }

    /// <summary>The energy gate over the hop's 5 frames of 10 ms.</summary>
    [Benchmark]
    public bool GateFrames()
    {
        var open = false;
        for (var at = 0; at < HopSamples; at += FrameSamples)
        {
            open = _gate.Process(_hop.AsSpan(at, FrameSamples), _index + at);
        }

        _index += HopSamples;
        return open;
    }

    /// <summary>The feature window copied and normalised into the model's input (one second of log-mel frames).</summary>
    [Benchmark]
    public float WindowCopy()
    {
        _window.CopyTo(_input);
        return _input[0];
    }

    /// <summary>One push of the model's scores into the smoother.</summary>
    [Benchmark]
    public bool SmootherPush()
    {
        _index += HopSamples;
        return _smoother.Push(_scores, _index, out _);
    }
}
