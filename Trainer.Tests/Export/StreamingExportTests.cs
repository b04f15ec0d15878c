using Kws.Audio.Features;
using Kws.Onnx.Contract;
using Kws.Onnx.Inference;
using TestSupport;
using Trainer.Data;
using Trainer.Engine.Models;
using Trainer.Export;

namespace Trainer.Tests.Export;

/// <summary>
/// The streaming export (new frames in, states carried) gives, hop after hop, what the whole-window export gives on
/// each window: the same network, so the service can run either file and see the same scores.
/// </summary>
public class StreamingExportTests
{
    private static readonly LogMelOptions FrontEnd = new() { MelBins = 16, FftSize = 512 };

    /// <summary>
    /// Hops of 5 frames, as the service runs, then runs after a gate pause (23 and 60 new frames), a single frame,
    /// exactly a window, and a long pause (more new frames than the window: the streaming model starts afresh).
    /// </summary>
    [Theory]
    [InlineData("matchboxnet-stream", 98)]
    [InlineData("dscnn-stream", 24)]
    public void EveryHopGivesTheWholeWindowScoresTo1e5(string architecture, int frames)
    {
        var model = ExportParityTests.TrainedModel(frames, FrontEnd.MelBins, 7, architecture);
        using var window = Open(model, frames, ModelExecution.Window);
        using var streaming = Open(model, frames, ModelExecution.Streaming);
        Assert.False(window.IsStreaming);
        Assert.True(streaming.IsStreaming);

        var rng = new Random(5);
        var total = frames + 600;
        var features = Enumerable.Range(0, total * FrontEnd.MelBins).Select(_ => (float)((rng.NextDouble() * 6) - 3)).ToArray();
        int[] steps = [.. Enumerable.Repeat(5, 30), 23, 5, 5, 60, 5, 1, 1, 5, frames, 5, frames + 40, 5, 5, 7];
        var end = frames;
        var worst = 0.0;
        var runs = 0;
        var first = true;
        foreach (var step in steps)
        {
            end += first ? 0 : step;
            if (end > total)
            {
                break;
            }

            var slice = features.AsSpan((end - frames) * FrontEnd.MelBins, frames * FrontEnd.MelBins);
            slice.CopyTo(window.Input);
            window.Run();
            slice.CopyTo(streaming.Input);
            streaming.Run(first ? int.MaxValue : step);
            first = false;
            runs++;
            for (var k = 0; k < 4; k++)
            {
                worst = Math.Max(worst, Math.Abs(window.Scores[k] - streaming.Scores[k]));
            }
        }

        Assert.True(runs > 40, $"only {runs} runs");
        Assert.True(worst < 1e-5, $"largest probability difference {worst}");
    }

    /// <summary>
    /// Through the service's own pipeline (<see cref="Kws.Detection.Composition.DetectionReplay"/>: front end, energy gate on, hop counting), the
    /// bundled test recording gives the smoother the same scores at the same samples from either file, and the
    /// streaming file ran on 5 new frames in most hops.
    /// </summary>
    [Fact]
    public void TheServicePipelineGivesTheSameScoresFromEitherFileOnTheTestRecording()
    {
        const int Frames = 98;
        var frontEnd = new LogMelOptions();
        var model = ExportParityTests.TrainedModel(Frames, frontEnd.MelBins, 7, "matchboxnet-stream");
        var folder = TestPaths.NewTempDir("kws-stream");
        var tapes = new List<Trainer.StreamEval.SmootherTape>();
        foreach (var execution in new[] { ModelExecution.Window, ModelExecution.Streaming })
        {
            var path = Path.Combine(folder, $"{execution}.onnx");
            var contract = Contract(Frames, execution) with { FrontEnd = frontEnd, Normalization = new FeatureNormalization(-7f, 5f) };
            OnnxExporter.Build(model, contract, "test").Save(path);
            var settings = Kws.Detection.Composition.DetectionSettings.FromArguments([$"--Model:Path={path}"]);
            Trainer.StreamEval.SmootherTape? tape = null;
            using var replay = new Kws.Detection.Composition.DetectionReplay(settings, [], s => tape = new Trainer.StreamEval.SmootherTape(s));
            replay.ReplayFile(Path.Combine(TestPaths.Fixtures, "stream_yes_no.wav"));
            tapes.Add(tape!);
        }

        var (window, streaming) = (tapes[0].Events, tapes[1].Events);
        Assert.True(window.Count > 100, $"{window.Count} smoother calls");
        Assert.Equal(window.Select(e => e.SampleIndex), streaming.Select(e => e.SampleIndex));
        var worst = 0.0;
        for (var i = 0; i < window.Count; i++)
        {
            Assert.Equal(window[i].Scores is null, streaming[i].Scores is null);
            for (var k = 0; window[i].Scores is { } w && k < w.Length; k++)
            {
                worst = Math.Max(worst, Math.Abs(w[k] - streaming[i].Scores![k]));
            }
        }

        Assert.True(worst < 1e-5, $"largest probability difference {worst}");
    }

    [Fact]
    public void AWrongCountOfNewFramesGivesOtherScoresSoTheCheckAboveCanFail()
    {
        const int Frames = 24;
        var model = ExportParityTests.TrainedModel(Frames, FrontEnd.MelBins, 7, "dscnn-stream");
        using var window = Open(model, Frames, ModelExecution.Window);
        using var streaming = Open(model, Frames, ModelExecution.Streaming);
        var rng = new Random(9);
        var features = Enumerable.Range(0, (Frames + 10) * FrontEnd.MelBins).Select(_ => (float)((rng.NextDouble() * 6) - 3)).ToArray();
        features.AsSpan(0, Frames * FrontEnd.MelBins).CopyTo(streaming.Input);
        streaming.Run();
        var next = features.AsSpan(10 * FrontEnd.MelBins, Frames * FrontEnd.MelBins);
        next.CopyTo(window.Input);
        window.Run();
        next.CopyTo(streaming.Input);
        streaming.Run(3); // 10 frames are new; telling it 3 continues from the wrong place
        var worst = Enumerable.Range(0, 4).Max(k => Math.Abs(window.Scores[k] - streaming.Scores[k]));
        Assert.True(worst > 1e-4, $"largest probability difference {worst}");
    }

    [Fact]
    public void TheStreamingFileCarriesItsKindAndStatesAndDebiansCheckerAcceptsIt()
    {
        const int Frames = 24;
        var model = ExportParityTests.TrainedModel(Frames, FrontEnd.MelBins, 7, "dscnn-stream");
        var onnx = OnnxExporter.Build(model, Contract(Frames, ModelExecution.Streaming), "test");
        var inputs = onnx.Graph.Inputs.Select(i => i.Name).ToList();
        Assert.Equal("features", inputs[0]);
        Assert.Equal("T", onnx.Graph.Inputs[0].Shape[2].Symbol);

        // The first convolution and the two depthwise ones look back 2 frames; the pool keeps 20 frames' means.
        Assert.Equal(4, inputs.Count - 1);
        Assert.Equal(["scores", .. inputs.Skip(1).Select(n => n + "_next")], onnx.Graph.Outputs.Select(o => o.Name));
        Assert.Equal("streaming", onnx.Metadata["kws.execution"]);
        Assert.Equal("2", onnx.Metadata["kws.contract_version"]);
        var path = Path.Combine(TestPaths.NewTempDir("kws-stream"), "m.onnx");
        onnx.Save(path);
        var check = OnnxChecker.Check(path);
        Assert.True(check.Ok, check.Output);
    }

    [Fact]
    public void ANetworkThatPadsAlongTimeIsRefusedNamingTheLayer()
    {
        const int Frames = 20;
        var model = ExportParityTests.TrainedModel(Frames, FrontEnd.MelBins, 7, "dscnn");
        var ex = Assert.Throws<NotSupportedException>(() => OnnxExporter.Build(model, Contract(Frames, ModelExecution.Streaming), "test"));
        Assert.Contains("layer l0", ex.Message);
        Assert.Contains("along time", ex.Message);
    }

    private static ModelContract Contract(int frames, ModelExecution execution) => new()
    {
        Labels = ClassLabels.All,
        FrontEnd = FrontEnd,
        Frames = frames,
        Normalization = FeatureNormalization.Identity,
        Execution = execution,
    };

    private static KeywordClassifier Open(Sequential model, int frames, ModelExecution execution)
    {
        var path = Path.Combine(TestPaths.NewTempDir("kws-stream"), $"{execution}.onnx");
        OnnxExporter.Build(model, Contract(frames, execution), "test").Save(path);
        return KeywordClassifier.Open(path);
    }
}
