using Kws.Audio.Features;
using Kws.Onnx.Contract;
using Kws.Onnx.Format;
using Kws.Onnx.Inference;
using TestSupport;

namespace Kws.Tests.Inference;

/// <summary>
/// A streaming model file (contract version 2, <c>kws.execution=streaming</c>) through the classifier: the caller
/// writes whole windows, the classifier feeds only the new frames (a view of the window's memory) and carries the
/// states from run to run, and a model that breaks the streaming contract is refused naming the tensor.
/// </summary>
public class StreamingClassifierTests
{
    private const int Frames = 10;
    private const int Mels = 40;

    private static readonly ModelContract Contract = new()
    {
        Labels = ["yes", "no", "_silence_", "_unknown_"],
        FrontEnd = new LogMelOptions(),
        Frames = Frames,
        Normalization = FeatureNormalization.Identity,
        Execution = ModelExecution.Streaming,
    };

    /// <summary>
    /// Scores = softmax(w * mean of the last 3 frames): the state holds the 2 frames before the new ones. Options break
    /// the contract on purpose.
    /// </summary>
    private static string Write(bool fixedFrames = false, bool withNext = true)
    {
        var graph = new OnnxGraph("tiny_stream");
        var x = graph.AddInput("features", OnnxElementType.Float, 1, 1, fixedFrames ? (OnnxDim)5 : "T", Mels);
        var state = graph.AddInput("s_state", OnnxElementType.Float, 1, 1, 2, Mels);
        var joined = graph.Concat("joined", 2, state, x);
        var last = graph.Slice("last", joined, 2, -3, long.MaxValue);
        var next = graph.Slice("s_state_next", joined, 2, -2, long.MaxValue);
        var pooled = graph.Flatten("flat", graph.GlobalAveragePool("gap", last));
        var logits = graph.Gemm("logits", pooled, graph.AddInitializer("w", [1f, 2f, 3f, 4f], 4, 1), null, transB: true);
        graph.Softmax("scores", logits, 1);
        graph.AddOutput("scores", OnnxElementType.Float, 1, 4);
        if (withNext)
        {
            graph.AddOutput(next, OnnxElementType.Float, 1, 1, 2, Mels);
        }

        var model = new OnnxModel(graph);
        foreach (var (k, v) in Contract.ToMetadata())
        {
            model.Metadata[k] = v;
        }

        var path = Path.Combine(TestPaths.NewTempDir("kws-streaming"), $"{Guid.NewGuid():N}.onnx");
        model.Save(path);
        return path;
    }

    /// <summary>The scores a whole-window run must give: softmax((1..4) * mean of the window's last 3 frames).</summary>
    private static float[] Expected(float[] window)
    {
        var mean = window.AsSpan((Frames - 3) * Mels).ToArray().Average();
        var e = Enumerable.Range(1, 4).Select(i => Math.Exp(i * mean)).ToArray();
        return e.Select(v => (float)(v / e.Sum())).ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void EachRunOnTheNewFramesGivesTheScoresOfItsWholeWindow(int preparedStep)
    {
        using var classifier = KeywordClassifier.Open(Write());
        classifier.PrepareStep(preparedStep);
        Assert.True(classifier.IsStreaming);
        Assert.Equal(Frames * Mels, classifier.Input.Length);
        var rng = new Random(4);
        var stream = Enumerable.Range(0, 60 * Mels).Select(_ => (float)rng.NextDouble()).ToArray();
        var end = Frames;
        classifier.Run();
        foreach (var step in new[] { 0, 1, 1, 2, 5, 1, 9, 3, 1 })
        {
            end += step;
            var window = stream.AsSpan((end - Frames) * Mels, Frames * Mels).ToArray();
            window.CopyTo(classifier.Input);
            classifier.Run(step == 0 ? int.MaxValue : step);
            var expected = Expected(window);
            for (var k = 0; k < 4; k++)
            {
                Assert.Equal(expected[k], classifier.Scores[k], 5);
            }
        }
    }

    [Fact]
    public void TheStateIsWhatCarriesTheFramesBeforeTheNewOnes()
    {
        // Told 1 new frame on a first run it has no state for, the classifier must feed the whole window; told 1 new
        // frame after a run, it relies on the state: a window whose older frames changed behind its back still scores
        // by what the state remembers.
        using var classifier = KeywordClassifier.Open(Write());
        var window = Enumerable.Range(0, Frames * Mels).Select(i => (i % 7) / 7f).ToArray();
        window.CopyTo(classifier.Input);
        classifier.Run(1);
        Assert.Equal(Expected(window)[3], classifier.Scores[3], 5);

        var altered = window.Select(v => v + 1f).ToArray();
        altered.AsSpan((Frames - 1) * Mels).Fill(0.5f);
        altered.CopyTo(classifier.Input);
        classifier.Run(1);
        // The previous run's last two frames, then the new one.
        float[] remembered = [.. window.AsSpan((Frames - 2) * Mels), .. Enumerable.Repeat(0.5f, Mels)];
        var expected = Expected([.. new float[(Frames - 3) * Mels], .. remembered]);
        Assert.Equal(expected[3], classifier.Scores[3], 5);
        Assert.NotEqual(Expected(altered)[3], classifier.Scores[3], 3);
    }

    /// <summary>Once a hop's binding is made, runs on new frames allocate nothing (the steady state of the service).</summary>
    [Fact]
    public void RunsOnNewFramesAllocateNothingOnceWarm()
    {
        using var classifier = KeywordClassifier.Open(Write());
        classifier.PrepareStep(5);
        classifier.Run();
        classifier.Run(5);
        classifier.Run(5);
        var allocated = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            // The fewest bytes of three rounds: the runtime's own tiering may allocate once in a round.
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 200; i++)
            {
                classifier.Run(5);
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
    }

    /// <summary>The session option behind <see cref="KeywordClassifier.PrepareStep"/> (OrtApi's AddFreeDimensionOverrideByName, found by its position in the table) fixes T.</summary>
    [Fact]
    public void AFreeDimensionCanBeFixedForASession()
    {
        using var environment = new Kws.Onnx.Runtime.OnnxEnvironment("test", Kws.Onnx.Runtime.OnnxLogLevel.Warning, null);
        var path = Write();
        using var open = Kws.Onnx.Runtime.OnnxSession.FromFile(environment, path);
        using var fixedT = Kws.Onnx.Runtime.OnnxSession.FromFile(environment, path, new Kws.Onnx.Runtime.OnnxSessionOptions { FreeDimensions = [new("T", 5)] });
        Assert.Equal([1, 1, -1, Mels], open.Inputs[0].Shape);
        Assert.Equal([1, 1, 5, Mels], fixedT.Inputs[0].Shape);
    }

    [Fact]
    public void AStreamingModelWithAFixedFrameCountIsRefusedNamingTheInput()
    {
        var ex = Assert.Throws<ModelContractException>(() => KeywordClassifier.Open(Write(fixedFrames: true)));
        Assert.Contains("'features' [1,1,5,40]", ex.Message);
        Assert.Contains("T dynamic", ex.Message);
    }

    [Fact]
    public void AStateWithoutItsNextValueIsRefusedNamingBoth()
    {
        var ex = Assert.Throws<ModelContractException>(() => KeywordClassifier.Open(Write(withNext: false)));
        Assert.Contains("needs state inputs and one '_next' output for each", ex.Message);
    }

    [Fact]
    public void AWindowModelLabelledStreamingIsRefused()
    {
        var path = TinyContractModel.Write(TestPaths.NewTempDir("kws-streaming"), Frames, 4, Contract.ToMetadata());
        var ex = Assert.Throws<ModelContractException>(() => KeywordClassifier.Open(path));
        Assert.Contains("first input must be 'features'", ex.Message);
    }

    [Theory]
    [InlineData("1", "streaming", "needs 'kws.contract_version' 2")]
    [InlineData("2", "stream", "must be 'window' or 'streaming'")]
    public void TheExecutionKeyIsChecked(string version, string execution, string problem)
    {
        var metadata = new Dictionary<string, string>(Contract.ToMetadata())
        {
            [ModelContractKeys.ContractVersion] = version,
            [ModelContractKeys.Execution] = execution,
        };
        var ex = Assert.Throws<ModelContractException>(() => ModelContract.FromMetadata(metadata, "m.onnx"));
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void AWholeWindowContractIsStillWrittenAsVersion1WithoutTheKey()
    {
        var metadata = (Contract with { Execution = ModelExecution.Window }).ToMetadata();
        Assert.Equal("1", metadata[ModelContractKeys.ContractVersion]);
        Assert.False(metadata.ContainsKey(ModelContractKeys.Execution));
        Assert.Equal(ModelExecution.Streaming, ModelContract.FromMetadata(Contract.ToMetadata(), "m.onnx").Execution);
    }
}
