using Kws.Detection.Pipeline;
using EdgeService.Detection;
using EdgeService.Tests.Fakes;
using Kws.Audio.Features;

namespace EdgeService.Tests.Pipeline;

public class DetectionPipelineTests
{
    private static readonly string[] Labels = ["yes", "no", "_silence_", "_unknown_"];

    private sealed class ListSink : IDetectionSink
    {
        public List<KeywordDetection> Detections { get; } = [];

        public void OnDetection(in KeywordDetection detection) => Detections.Add(detection);
    }

    /// <summary>Quiet noise with a loud 440 Hz burst ("yes") from 2.0 s to 2.5 s.</summary>
    private static float[] Recording(int seconds)
    {
        var rng = new Random(3);
        var audio = new float[seconds * 16000];
        for (var i = 0; i < audio.Length; i++)
        {
            audio[i] = (float)((rng.NextDouble() - 0.5) * 0.002);
            if (i >= 32000 && i < 40000)
            {
                audio[i] += (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / 16000.0));
            }
        }

        return audio;
    }

    /// <summary>"yes" while the newest frame is loud (some band's log energy above 0), else silence.</summary>
    private static void LoudMeansYes(float[] input, float[] scores) => LoudnessScores.YesWhenLoud(input, scores, frames: 1);

    private static (DetectionPipeline Pipeline, ScriptedKeywordModel Model, ListSink Sink, PipelineStats Stats) Make(bool gateEnabled)
    {
        var frontEnd = new LogMelOptions();
        var model = new ScriptedKeywordModel(Labels, 98 * 40, LoudMeansYes);
        var sink = new ListSink();
        var stats = new PipelineStats();
        var smoother = new PosteriorSmoother(Labels, new PosteriorSmootherOptions { WindowMs = 150, MinCount = 2, RefractoryMs = 1000 }, 16000, 800);
        var pipeline = new DetectionPipeline(
            new FeatureWindow(frontEnd, 98, FeatureNormalization.Identity),
            new EnergyGate(new EnergyGateOptions { Enabled = gateEnabled, HangMs = 1000 }, 16000),
            model, smoother, [sink], 160, 5, 16000, stats);
        return (pipeline, model, sink, stats);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(160)]
    [InlineData(1000)]
    [InlineData(16000)]
    public void OneBurstGivesOneDetectionShortlyAfterItStartsWhateverTheChunkSize(int chunk)
    {
        var (pipeline, _, sink, stats) = Make(gateEnabled: true);
        var audio = Recording(5);
        for (var pos = 0; pos < audio.Length; pos += chunk)
        {
            pipeline.Process(audio.AsSpan(pos, Math.Min(chunk, audio.Length - pos)), pos);
        }

        var detection = Assert.Single(sink.Detections);
        Assert.Equal("yes", detection.Keyword);
        Assert.InRange(detection.TimeS, 2.0, 2.3);
        Assert.Equal(detection.SampleIndex / 16000.0, detection.TimeS, 9);
        Assert.Equal(0, detection.SampleIndex % 800);
        Assert.Equal(5.0, stats.TotalSamples / 16000.0, 2);
    }

    [Fact]
    public void ClosedGateSkipsTheModelButTheFeaturesKeepUp()
    {
        var (gated, gatedModel, gatedSink, gatedStats) = Make(gateEnabled: true);
        var (open, openModel, openSink, _) = Make(gateEnabled: false);
        var audio = Recording(6);
        gated.Process(audio, 0);
        open.Process(audio, 0);

        // Without the gate the model runs every 50 ms once the window is full (after 1 s); with it, far less often.
        Assert.InRange(openModel.Runs, ((5 * 16000) / 800) - 1, ((5 * 16000) / 800) + 1);
        Assert.InRange(gatedModel.Runs, 1, openModel.Runs / 3);
        var snapshot = gatedStats.TakeSnapshot(16000);
        Assert.Equal(gatedModel.Runs, snapshot.Inferences);
        Assert.InRange(snapshot.GateOpenShare, 0.05, 0.5);

        // Both see the same burst at the same time: the gated window was current when the gate opened.
        Assert.Equal(openSink.Detections.Select(d => d.SampleIndex), gatedSink.Detections.Select(d => d.SampleIndex));
    }

    [Fact]
    public void AGapInTheSampleClockResetsTheWindowAndIsCounted()
    {
        var (pipeline, model, sink, stats) = Make(gateEnabled: false);
        var audio = Recording(5);
        pipeline.Process(audio.AsSpan(0, 24000), 0);
        var runsBefore = model.Runs;

        // 8000 samples lost upstream: the window must refill (1 s) before the model runs again.
        pipeline.Process(audio.AsSpan(32000, 8000), 32000);
        Assert.Equal(runsBefore, model.Runs);
        Assert.Equal(1, stats.TakeSnapshot(16000).Gaps);
        Assert.Empty(sink.Detections);
    }

    /// <summary>
    /// A streaming model computes only the frames it is told are new, so the count must be exact: the first run, a run
    /// after a gap and a run after a stage swap see a new window; runs every hop see 5 frames; a run after the gate was
    /// closed sees every frame computed meanwhile.
    /// </summary>
    [Fact]
    public void TheModelIsToldExactlyHowManyFramesAreNewSinceItsLastRun()
    {
        var (open, openModel, _, _) = Make(gateEnabled: false);
        var audio = Recording(5);
        open.Process(audio.AsSpan(0, 24000), 0);
        Assert.Equal(IKeywordModel.AllNew, openModel.NewFrames[0]);
        Assert.All(openModel.NewFrames.Skip(1), n => Assert.Equal(5, n));
        var runs = openModel.Runs;
        open.Process(audio.AsSpan(32000, 24000), 32000); // a gap: the window refills, then a new window
        Assert.Equal(IKeywordModel.AllNew, openModel.NewFrames[runs]);
        Assert.All(openModel.NewFrames.Skip(runs + 1), n => Assert.Equal(5, n));

        // A second burst 0.4 s after the gate's 1 s hang ran out after the first.
        var twoBursts = Recording(6);
        for (var i = 62400; i < 67200; i++)
        {
            twoBursts[i] += (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / 16000.0));
        }

        var (gated, gatedModel, _, _) = Make(gateEnabled: true);
        gated.Process(twoBursts, 0);
        Assert.Equal(IKeywordModel.AllNew, gatedModel.NewFrames[0]);
        Assert.Contains(gatedModel.NewFrames.Skip(1), n => n > 5 && n % 5 == 0 && n != IKeywordModel.AllNew);
        Assert.All(gatedModel.NewFrames.Skip(1), n => Assert.True(n == IKeywordModel.AllNew || n % 5 == 0, $"{n} new frames"));
    }

    [Fact]
    public void ProcessingAllocatesNothingPerHop()
    {
        var (pipeline, _, _, _) = Make(gateEnabled: false);
        var audio = Recording(5);
        pipeline.Process(audio.AsSpan(0, 32000), 0);
        var chunk = audio.AsSpan(32000, 160).ToArray();
        var index = 32000L;
        var allocated = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                pipeline.Process(chunk, index);
                index += chunk.Length;
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
    }
}
