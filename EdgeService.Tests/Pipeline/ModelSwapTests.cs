using Kws.Detection.Pipeline;
using EdgeService.Detection;
using EdgeService.Tests.Fakes;
using Kws.Audio.Features;

namespace EdgeService.Tests.Pipeline;

/// <summary>
/// A model swapped into a running pipeline (<see cref="DetectionPipeline.Replace"/>) takes over warm: wherever the swap
/// falls, before, during or after a keyword, that keyword is reported exactly once, at the same time as without a
/// swap (within the hop phase), and nothing the new model does while catching up is reported or counted.
/// </summary>
public class ModelSwapTests
{
    private static readonly string[] Labels = ["yes", "no", "_silence_", "_unknown_"];
    private const int Hop = 160;
    private const int HopsPerInference = 5;
    private const int WindowSamples = 16000;

    private sealed class ListSink : IDetectionSink
    {
        public List<KeywordDetection> Detections { get; } = [];

        public void OnDetection(in KeywordDetection detection) => Detections.Add(detection);
    }

    /// <summary>Quiet noise with a loud 440 Hz burst ("yes") from 2.0 s to 2.4 s.</summary>
    private static float[] Recording()
    {
        var rng = new Random(5);
        var audio = new float[4 * 16000];
        for (var i = 0; i < audio.Length; i++)
        {
            audio[i] = (float)((rng.NextDouble() - 0.5) * 0.002);
            if (i is >= 32000 and < 38400)
            {
                audio[i] += (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / 16000.0));
            }
        }

        return audio;
    }

    /// <summary>"yes" while any of the last 20 frames is loud, else silence: the score follows the burst through the window.</summary>
    private static void LoudMeansYes(float[] input, float[] scores) => LoudnessScores.YesWhenLoud(input, scores, frames: 20);

    private static ModelStage Stage(ScriptedKeywordModel model) => new(
        new FeatureWindow(new LogMelOptions(), 98, FeatureNormalization.Identity),
        model,
        new PosteriorSmoother(Labels, new PosteriorSmootherOptions { WindowMs = 150, MinCount = 2, RefractoryMs = 1000 }, 16000, Hop * HopsPerInference),
        Hop,
        HopsPerInference,
        WindowSamples);

    private static ScriptedKeywordModel Model() => new(Labels, 98 * 40, LoudMeansYes);

    /// <summary>Plays the recording in 1,600-sample blocks (as the service loop reads), swapping in a new model before block <paramref name="swapBlock"/> (none when negative).</summary>
    private static (List<KeywordDetection> Detections, PipelineStats Stats, ScriptedKeywordModel First, ScriptedKeywordModel Second, DetectionPipeline Pipeline) Play(int swapBlock)
    {
        var audio = Recording();
        var sink = new ListSink();
        var stats = new PipelineStats();
        var first = Model();
        var second = Model();
        var pipeline = new DetectionPipeline(Stage(first), new EnergyGate(new EnergyGateOptions { Enabled = true, MarginDb = 5, HangMs = 1000 }, 16000), [sink], stats);
        var recent = new RecentAudio(32000);
        var copy = new float[recent.Capacity];
        for (int block = 0, start = 0; start < audio.Length; block++, start += 1600)
        {
            if (block == swapBlock)
            {
                var n = recent.CopyTo(copy);
                Assert.Same(first, pipeline.Replace(Stage(second), copy.AsSpan(0, n), recent.FirstSampleIndex, out _));
            }

            var span = audio.AsSpan(start, Math.Min(1600, audio.Length - start));
            pipeline.Process(span, start);
            recent.Append(span, start);
        }

        return (sink.Detections, stats, first, second, pipeline);
    }

    [Fact]
    public void Wherever_the_swap_falls_the_keyword_is_reported_once_and_on_time()
    {
        var (baseline, baseStats, _, _, _) = Play(swapBlock: -1);
        var expected = Assert.Single(baseline);
        Assert.Equal("yes", expected.Keyword);

        // Every block boundary from 1 s before the burst to 1.5 s after its end (block 20 = 2.0 s).
        for (var swap = 10; swap <= 39; swap++)
        {
            var (detections, stats, first, second, pipeline) = Play(swap);
            Assert.True(detections.Count == 1, $"swap before block {swap}: {detections.Count} detections at samples {string.Join(", ", detections.Select(d => d.SampleIndex))} (without a swap: {expected.SampleIndex})");
            var got = detections[0];
            Assert.Equal("yes", got.Keyword);
            Assert.InRange(got.SampleIndex, expected.SampleIndex - (Hop * HopsPerInference), expected.SampleIndex + (Hop * HopsPerInference));
            Assert.Same(second, pipeline.Model);
            Assert.True(second.Runs > 0, $"swap at block {swap}: the new model never ran");
            Assert.Equal(baseStats.TotalSamples, stats.TotalSamples); // catching up counts no audio twice
            var snapshot = stats.TakeSnapshot(16000);
            Assert.Equal(1, snapshot.Detections);
            Assert.Equal(0, snapshot.Gaps);
        }
    }

    /// <summary>"yes" while frames 40-60 back from the newest are loud: fires on the same burst, about 0.4 s later.</summary>
    private static void LateYes(float[] input, float[] scores) => LoudnessScores.YesWhenLoud(input, scores, frames: 20, newestSkipped: 40);

    [Fact]
    public void A_keyword_just_reported_is_not_reported_again_by_a_new_model_that_scores_it_later()
    {
        var audio = Recording();
        var sink = new ListSink();
        var pipeline = new DetectionPipeline(Stage(Model()), new EnergyGate(new EnergyGateOptions { Enabled = false }, 16000), [sink], new PipelineStats());
        var recent = new RecentAudio(48000);
        var end = 0;
        for (; sink.Detections.Count == 0; end += 1600)
        {
            pipeline.Process(audio.AsSpan(end, 1600), end);
            recent.Append(audio.AsSpan(end, 1600), end);
        }

        // Swapped in right after the old model reported the burst; the new one would report it 0.4 s later.
        var copy = new float[48000];
        var n = recent.CopyTo(copy);
        pipeline.Replace(Stage(new ScriptedKeywordModel(Labels, 98 * 40, LateYes)), copy.AsSpan(0, n), recent.FirstSampleIndex, out _);
        pipeline.Process(audio.AsSpan(end), end);
        Assert.Single(sink.Detections);

        // The same new model alone does report that burst (so the test above could fail).
        var alone = new ListSink();
        new DetectionPipeline(Stage(new ScriptedKeywordModel(Labels, 98 * 40, LateYes)), new EnergyGate(new EnergyGateOptions { Enabled = false }, 16000), [alone], new PipelineStats())
            .Process(audio, 0);
        Assert.True(alone.Detections.Single().SampleIndex > sink.Detections[0].SampleIndex + 3200, "the late model should fire well after the first");
    }

    [Fact]
    public void The_new_model_runs_at_the_first_inference_after_the_swap_without_a_second_of_warm_up()
    {
        var audio = Recording();
        var first = Model();
        var second = Model();
        var pipeline = new DetectionPipeline(Stage(first), new EnergyGate(new EnergyGateOptions { Enabled = false }, 16000), [], new PipelineStats());
        var recent = new RecentAudio(32000);
        pipeline.Process(audio.AsSpan(0, 24000), 0);
        recent.Append(audio.AsSpan(0, 24000), 0);
        var firstRuns = first.Runs;
        var copy = new float[32000];
        var n = recent.CopyTo(copy);
        pipeline.Replace(Stage(second), copy.AsSpan(0, n), recent.FirstSampleIndex, out var caughtUpSamples);
        var caughtUp = second.Runs;
        Assert.Equal(WindowSamples + ((3 + 1) * Hop * HopsPerInference), caughtUpSamples); // a window, then the 150 ms smoother (3 runs) and one more

        pipeline.Process(audio.AsSpan(24000, Hop * HopsPerInference), 24000);
        Assert.Equal(firstRuns, first.Runs); // the old model is out of use
        Assert.Equal(caughtUp + 1, second.Runs); // and the new one ran at once on live audio
    }

    [Fact]
    public void Recent_audio_that_does_not_end_where_the_pipeline_is_is_refused()
    {
        var pipeline = new DetectionPipeline(Stage(Model()), new EnergyGate(new EnergyGateOptions { Enabled = false }, 16000), [], new PipelineStats());
        pipeline.Process(new float[3200], 0);
        var ex = Assert.Throws<ArgumentException>(() => pipeline.Replace(Stage(Model()), new float[1600], 0, out _));
        Assert.Contains("ends at sample 1600", ex.Message);
    }
}
