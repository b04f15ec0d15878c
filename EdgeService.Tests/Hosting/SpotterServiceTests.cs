using EdgeService.Health;
using Kws.Detection.Pipeline;
using EdgeService.Audio.PortAudio;
using EdgeService.Cli;
using EdgeService.Detection;
using EdgeService.Hosting;
using EdgeService.Tests.Fakes;
using Kws.Audio;
using Kws.Audio.Features;
using Microsoft.Extensions.Hosting;

namespace EdgeService.Tests.Hosting;

/// <summary>
/// The service loop. A new capture stream (a discontinuity marked in the ring buffer) restarts the pipeline's window.
/// An exception inside the service loop (the source's start, the pipeline) must not end the host as a clean stop
/// (exit code 0, which systemd's Restart=on-failure does not restart): it is kept in <see cref="ServiceFailure"/>, the
/// host is told to stop, the source is stopped, and the run command reports it in one line with exit code 2 (bad
/// input) or 1. The loop runs on a fake clock that never moves: none of these tests waits for time to pass.
/// </summary>
public sealed class SpotterServiceTests
{
    private static readonly string[] Labels = ["yes", "no", "_silence_", "_unknown_"];
    private readonly FakeTimeProvider _clock = new();
    private readonly StopRecordingLifetime _lifetime = new();
    private readonly ServiceFailure _failure = new();
    private readonly AudioRingBuffer _ring = new(16000, 2000);

    private sealed class StopRecordingLifetime : IHostApplicationLifetime
    {
        public int StopCalls { get; private set; }

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => StopCalls++;
    }

    /// <summary>
    /// A finite source: at start it throws <see cref="StartError"/>, or writes its segments at once, a discontinuity
    /// marked before each but the first (as a reconnected microphone's new stream), and completes.
    /// </summary>
    private sealed class ScriptedSource(params float[][] segments) : IAudioSource
    {
        public event EventHandler<AudioSourceStateChangedEventArgs>? StateChanged;

        public Exception? StartError { get; init; }

        public int StopCalls { get; private set; }


        public AudioSourceState State { get; private set; } = AudioSourceState.Stopped;

        public bool RecoversFromFaults => false;

        public Exception? Fault => null;

        public void Start(IAudioRingWriter target)
        {
            if (StartError is not null)
            {
                throw StartError;
            }

            for (var i = 0; i < segments.Length; i++)
            {
                if (i > 0)
                {
                    target.MarkDiscontinuity();
                }

                target.Write(segments[i]);
            }

            State = AudioSourceState.Completed;
            StateChanged?.Invoke(this, new AudioSourceStateChangedEventArgs(State, null));
        }

        public void Stop() => StopCalls++;

        public void Dispose() => Stop();
    }

    private sealed class NoModelUpdates : IModelUpdates
    {
        public bool TryTake(out ModelStage stage)
        {
            stage = null!;
            return false;
        }
    }

    private static DetectionPipeline Pipeline(Action<float[], float[]> score) => Pipeline(new ScriptedKeywordModel(Labels, 98 * 40, score));

    private static DetectionPipeline Pipeline(ScriptedKeywordModel model) => new(
        new FeatureWindow(new LogMelOptions(), 98, FeatureNormalization.Identity),
        new EnergyGate(new EnergyGateOptions { Enabled = false }, 16000),
        model,
        new PosteriorSmoother(Labels, new PosteriorSmootherOptions(), 16000, 800),
        Array.Empty<IDetectionSink>(),
        160,
        5,
        16000,
        new PipelineStats());

    /// <summary>How often the model runs when the service plays <paramref name="source"/> through a fresh pipeline.</summary>
    private async Task<int> ModelRuns(ScriptedSource source)
    {
        var model = new ScriptedKeywordModel(Labels, 98 * 40, Silence);
        await RunToEnd(source, Pipeline(model), new AudioRingBuffer(16000, 2000));
        return model.Runs;
    }

    [Fact]
    public async Task Audio_after_a_discontinuity_fills_a_fresh_window_before_the_model_runs_again()
    {
        var before = new float[19200]; // 1.2 s: the window fills, and the model runs a few times
        var after = new float[9600];   // 0.6 s: too short to fill a window of its own

        var beforeOnly = await ModelRuns(new ScriptedSource(before));
        var spliced = await ModelRuns(new ScriptedSource(before, after));
        var continuous = await ModelRuns(new ScriptedSource([.. before, .. after]));

        Assert.True(beforeOnly > 0, "the model never ran on 1.2 s of audio");
        Assert.Equal(beforeOnly, spliced); // nothing ran on a window holding both streams
        Assert.True(continuous >= beforeOnly + 10, $"without the mark the model should run on: {continuous} runs against {beforeOnly}");
    }

    private static void Silence(float[] input, float[] scores)
    {
        scores[0] = 0.01f;
        scores[1] = 0.01f;
        scores[2] = 0.97f;
        scores[3] = 0.01f;
    }

    private async Task RunToEnd(IAudioSource source, DetectionPipeline pipeline, AudioRingBuffer? ring = null)
    {
        using var service = new SpotterService(source, ring ?? _ring, pipeline, new NoModelUpdates(), new ServiceHealth(), _failure, _clock, _lifetime, new RecordingLogger<SpotterService>());
        await service.StartAsync(TestContext.Current.CancellationToken);
        var loop = service.ExecuteTask!;
        Assert.True(await Task.WhenAny(loop, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)) == loop, "the service loop did not end");
        await loop; // it never throws: the fault is kept, not rethrown into the host
    }

    /// <summary>The host was told to stop once, the source was stopped, and the run command would exit with <paramref name="exitCode"/>.</summary>
    private void AssertStoppedWithExitCode(ScriptedSource source, int exitCode)
    {
        Assert.Equal(1, _lifetime.StopCalls);
        Assert.True(source.StopCalls >= 1, "the source was not stopped");
        Assert.Equal(exitCode, EdgeErrors.Guard(() =>
        {
            _failure.ThrowIfFailed();
            return 0;
        }));
    }

    [Fact]
    public async Task A_source_that_cannot_start_stops_the_host_and_the_run_command_exits_2()
    {
        var missing = new PortAudioLibraryMissingException(new DllNotFoundException("libportaudio.so.2: cannot open shared object file"));
        var source = new ScriptedSource([]) { StartError = missing };

        await RunToEnd(source, Pipeline(Silence));

        Assert.Same(missing, _failure.Error);
        AssertStoppedWithExitCode(source, 2);
    }

    [Fact]
    public async Task An_inference_that_fails_while_running_stops_the_host_and_the_run_command_exits_1()
    {
        var source = new ScriptedSource(new float[32000]);
        var pipeline = Pipeline((_, _) => throw new InvalidOperationException("inference failed: CUDA error"));

        await RunToEnd(source, pipeline);

        var error = Assert.IsType<InvalidOperationException>(_failure.Error);
        Assert.Contains("CUDA error", error.Message, StringComparison.Ordinal);
        AssertStoppedWithExitCode(source, 1);
    }

    [Fact]
    public async Task A_source_that_ends_normally_leaves_no_failure()
    {
        var source = new ScriptedSource(new float[32000]);

        await RunToEnd(source, Pipeline(Silence));

        Assert.Null(_failure.Error);
        AssertStoppedWithExitCode(source, 0);
    }

    [Fact]
    public void The_first_fault_recorded_is_the_one_kept()
    {
        var first = new InvalidOperationException("first");
        _failure.Record(first);
        _failure.Record(new InvalidOperationException("second"));
        Assert.Same(first, _failure.Error);
    }
}
