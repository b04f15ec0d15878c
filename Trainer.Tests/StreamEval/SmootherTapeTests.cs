using Kws.Audio.Wav;
using Kws.Audio;
using TestSupport;
using Trainer.StreamEval;

namespace Trainer.Tests.StreamEval;

/// <summary>A threshold sweep replays what reached the smoother; it must give exactly what a pass of its own gives.</summary>
public class SmootherTapeTests
{
    private static string BundledModel => Path.Combine(TestPaths.RepoRoot, "models", "kws-yesno.onnx");

    [Theory]
    [InlineData(0.3, "--Gate:Enabled=true")]
    [InlineData(0.6, "--Gate:Enabled=true")]
    [InlineData(0.9, "--Gate:Enabled=true")]
    [InlineData(0.5, "--Gate:Enabled=false")]
    public void AReplayAtAnotherThresholdGivesTheDetectionsOfAPassOfItsOwn(double threshold, string gate)
    {
        // The bundled recording four times over, with stretches of silence between, so that the gate closes and
        // re-opens (a reset of the smoother) and refractory times cross the joins.
        var recording = Kws.Audio.Wav.AudioFiles.ReadMono(Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "stream_yes_no.wav"), 16000);
        var audio = new float[(recording.Length + 40000) * 4];
        for (var k = 0; k < 4; k++)
        {
            recording.CopyTo(audio, k * (recording.Length + 40000));
        }

        string[] overrides = [$"--Model:Path={BundledModel}", gate];
        var recorded = StreamRunner.Run(audio, [], overrides, null, out var tape);
        Assert.True(tape.Count > 1000);
        var withThreshold = PipelineSettings.WithThreshold(overrides, ["yes", "no"], threshold);
        using var own = new PipelineSession(PipelineSettings.Build(withThreshold));
        own.FeedAll(audio);
        var replayed = tape.Replay(PipelineSettings.Build(withThreshold).Smoother, out var thresholds);

        Assert.Equal((float)threshold, thresholds["no"]);
        Assert.NotEmpty(own.Detections);
        Assert.Equal(own.Detections, replayed);
        Assert.Equal(own.Detections.Count, StreamRunner.Replay(tape, recorded, [], withThreshold, threshold).Detections);
        // And the threshold matters: at the model's own thresholds (0.75) the detections come at other times or scores.
        var atModelThresholds = tape.Replay(PipelineSettings.Build(overrides).Smoother, out _);
        Assert.Equal(recorded.Detections, atModelThresholds.Count);
        Assert.NotEqual(atModelThresholds, replayed);
    }
}
