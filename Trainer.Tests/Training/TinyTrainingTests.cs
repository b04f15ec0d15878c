using Kws.Onnx.Inference;
using TestSupport;
using Trainer.Augment;
using Trainer.Cli;
using Trainer.Data;
using Trainer.Tests.Data;
using Trainer.Training;

namespace Trainer.Tests.Training;

/// <summary>The whole train command on a tiny generated dataset: a few steps, export, parity in ONNX Runtime, report.</summary>
public class TinyTrainingTests
{
    [Fact]
    public void TrainsExportsAndTheFileLoadsInOnnxRuntimeWithItsContract()
    {
        var data = GeneratedDataset.Create(TestPaths.NewTempDir("kws-tiny-data"), speakers: 20, perSpeaker: 2);
        var output = TestPaths.NewTempDir("kws-tiny-out");
        var options = new TrainOptions { Epochs = 3, BatchSize = 16, Width = 8, Blocks = 1, Threads = 2, Augment = AugmentOptions.None with { NoiseProbability = 0.5 } };
        var code = new TrainJob([data], null, [], [], output, options).Run();

        Assert.Equal(0, code);
        foreach (var file in new[] { "model.onnx", "model.weights", Checkpoint.FileName, "report.json", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} missing");
        }

        using var classifier = KeywordClassifier.Open(Path.Combine(output, "model.onnx"));
        Assert.Equal(ClassLabels.All, classifier.Contract.Labels);
        Assert.Equal(options.Frames, classifier.Contract.Frames);
        Assert.Equal(options.FrontEnd, classifier.Contract.FrontEnd);
        classifier.Run();
        Assert.Equal(1.0, classifier.Scores.ToArray().Sum(), 4);

        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("data:image/png;base64,", html);
        Assert.Contains("<svg", html);
        Assert.Contains("(lowest validation loss)", html);
        Assert.Contains("<th>95% interval</th>", html);
        var json = File.ReadAllText(Path.Combine(output, "report.json"));
        Assert.Contains("\"parity\"", json);
    }

    [Fact]
    public void ExportFromTheCheckpointGivesAModelOnnxRuntimeLoads()
    {
        var data = GeneratedDataset.Create(TestPaths.NewTempDir("kws-tiny-data"), speakers: 10, perSpeaker: 1);
        var output = TestPaths.NewTempDir("kws-tiny-out");
        var options = new TrainOptions { Epochs = 1, BatchSize = 16, Width = 8, Blocks = 1, Threads = 1, Augment = AugmentOptions.None, KeepLastEpoch = true };
        Assert.Equal(0, new TrainJob([data], null, [], [], output, options).Run());
        Assert.Contains("epoch 1 (the last epoch: --keep-last)", File.ReadAllText(Path.Combine(output, "report.html")));

        var exported = Path.Combine(output, "again.onnx");
        Assert.Equal(0, TrainerCli.Run(["export", "--checkpoint", output, "--out", exported, "--thresholds", "yes=0.8,no=0.75"]));
        using var classifier = KeywordClassifier.Open(exported);
        Assert.Equal(0.8f, classifier.Contract.Thresholds["yes"]);
        Assert.InRange(File.ReadAllBytes(exported).Length, File.ReadAllBytes(Path.Combine(output, "model.onnx")).Length, File.ReadAllBytes(Path.Combine(output, "model.onnx")).Length + 200);
    }

    /// <summary>
    /// With --word-classes the generated "up" clips become a class of their own; the file still has the four labels,
    /// agrees with the engine (the job's own parity check), and the export command rebuilds it from the checkpoint.
    /// </summary>
    [Fact]
    public void WithWordClassesTheFileStillHasFourLabelsAndTheCheckpointExportsAgain()
    {
        var data = GeneratedDataset.Create(TestPaths.NewTempDir("kws-tiny-data"), speakers: 20, perSpeaker: 2);
        var output = TestPaths.NewTempDir("kws-tiny-out");
        var options = new TrainOptions { Epochs = 2, BatchSize = 16, Width = 8, Blocks = 1, Threads = 1, Augment = AugmentOptions.None, RealKeywordRepeat = 2 };
        Assert.Equal(0, new TrainJob([data], null, [], [], output, options, wordClasses: true).Run());

        var checkpoint = File.ReadAllText(Path.Combine(output, Checkpoint.FileName));
        Assert.Contains("\"up\"", checkpoint);
        var (model, restored, _) = Checkpoint.Load(output);
        Assert.Equal(["up"], restored.WordClasses);
        Assert.Equal(5, model.OutputShape.Size);

        var exported = Path.Combine(output, "again.onnx");
        Assert.Equal(0, TrainerCli.Run(["export", "--checkpoint", output, "--out", exported]));
        foreach (var file in new[] { Path.Combine(output, "model.onnx"), exported })
        {
            using var classifier = KeywordClassifier.Open(file);
            Assert.Equal(ClassLabels.All, classifier.Contract.Labels);
            classifier.Run();
            Assert.Equal(4, classifier.Scores.Length);
            Assert.Equal(1.0, classifier.Scores.ToArray().Sum(), 4);
        }
    }

    /// <summary>
    /// The residual networks through the whole command line: train (with run-together negatives and keywords in
    /// context), the job's parity check against ONNX Runtime, the checkpoint naming the network, export again.
    /// </summary>
    [Theory]
    [InlineData("tcresnet", "TcResNet")]
    [InlineData("matchboxnet", "MatchboxNet")]
    public void ResidualNetworksTrainExportAndExportAgainFromTheCheckpoint(string arch, string named)
    {
        var data = GeneratedDataset.Create(TestPaths.NewTempDir("kws-tiny-data"), speakers: 20, perSpeaker: 2);
        var output = TestPaths.NewTempDir("kws-tiny-out");
        Assert.Equal(0, TrainerCli.Run(["train", "--data", data, "--out", output, "--arch", arch, "--width", "6", "--blocks", "1", "--epochs", "2",
            "--batch", "16", "--threads", "2", "--run-together", "50", "--keyword-context", "50", "--word-classes"]));
        var checkpoint = File.ReadAllText(Path.Combine(output, Checkpoint.FileName));
        Assert.Contains($"\"architecture\": \"{named}\"", checkpoint);
        Assert.Contains("\"run_together_percent\": 50", checkpoint);
        var (model, _, _) = Checkpoint.Load(output);
        Assert.Contains(model.Layers, l => l is Trainer.Engine.Layers.Residual);

        var exported = Path.Combine(output, "again.onnx");
        Assert.Equal(0, TrainerCli.Run(["export", "--checkpoint", output, "--out", exported]));
        Assert.Equal(File.ReadAllBytes(Path.Combine(output, "model.onnx")), File.ReadAllBytes(exported));
    }

    /// <summary>
    /// A streamable network through the command line: trained, exported again as a streaming file (the export checks
    /// it against the whole-window model and says so), which the classifier runs as one; a network that is not
    /// streamable is refused by export --streaming with exit code 2.
    /// </summary>
    [Theory]
    [InlineData("matchboxnet-stream", "MatchboxNetStream", 0)]
    [InlineData("dscnn-stream", "DsCnnStream", 0)]
    [InlineData("matchboxnet", "MatchboxNet", 2)]
    public void StreamableNetworksExportAsStreamingFiles(string arch, string named, int exitCode)
    {
        var data = GeneratedDataset.Create(TestPaths.NewTempDir("kws-tiny-data"), speakers: 20, perSpeaker: 2);
        var output = TestPaths.NewTempDir("kws-tiny-out");
        Assert.Equal(0, TrainerCli.Run(["train", "--data", data, "--out", output, "--arch", arch, "--width", "6", "--blocks", "2", "--time-kernel", "3",
            "--epochs", "1", "--batch", "16", "--threads", "2", "--word-classes"]));
        Assert.Contains($"\"architecture\": \"{named}\"", File.ReadAllText(Path.Combine(output, Checkpoint.FileName)));

        var exported = Path.Combine(output, "streaming.onnx");
        var console = new StringWriter();
        var saved = Console.Out;
        Console.SetOut(console);
        try
        {
            Assert.Equal(exitCode, TrainerCli.Run(["export", "--checkpoint", output, "--out", exported, "--streaming"]));
        }
        finally
        {
            Console.SetOut(saved);
        }

        if (exitCode != 0)
        {
            Assert.False(File.Exists(exported));
            return;
        }

        Assert.Contains("Streaming parity", console.ToString());
        using var classifier = KeywordClassifier.Open(exported);
        Assert.True(classifier.IsStreaming);
        classifier.Run();
        Assert.Equal(1.0, classifier.Scores.ToArray().Sum(), 4);
    }

    [Fact]
    public void AnUnknownArchitectureIsNamedWithExitCode2()
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, TrainerCli.Run(["train", "--data", TestPaths.NewTempDir("kws-none"), "--out", TestPaths.NewTempDir("kws-none-out"), "--arch", "resnet50"]));
        }
        finally
        {
            Console.SetError(saved);
        }

        Assert.Contains("--arch is 'resnet50'", error.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheKeptEpochIsTheLowestValidationLossOrTheLast(bool keepLast)
    {
        var layout = DatasetLayout.Resolve(GeneratedDataset.Create(TestPaths.NewTempDir("kws-tiny-data"), speakers: 12, perSpeaker: 1), null, [], []);
        var data = LoadedDataset.Load(DatasetScanner.Scan(layout, new SpeakerSplitter(15, 15)), layout);
        var options = new TrainOptions { Epochs = 4, BatchSize = 16, Width = 8, Blocks = 1, Threads = 1, Augment = AugmentOptions.None, KeepLastEpoch = keepLast };
        var result = new TrainingRun(options).Run(data);

        var lowest = result.History.MinBy(e => e.ValidationLoss)!.Epoch;
        Assert.Equal(keepLast ? options.Epochs : lowest, result.BestEpoch);
    }

    private static LoadedDataset TinyData(double validationPercent)
    {
        var layout = DatasetLayout.Resolve(GeneratedDataset.Create(TestPaths.NewTempDir("kws-tiny-data"), speakers: 12, perSpeaker: 1), null, [], []);
        return LoadedDataset.Load(DatasetScanner.Scan(layout, new SpeakerSplitter(validationPercent, 15)), layout);
    }

    [Fact]
    public void An_empty_validation_split_is_refused_before_training_not_after_it()
    {
        var data = TinyData(validationPercent: 0);
        var options = new TrainOptions { Epochs = 1, BatchSize = 16, Width = 8, Blocks = 1, Threads = 1, Augment = AugmentOptions.None };
        var e = Assert.Throws<DataException>(() => new TrainingRun(options).Run(data));
        Assert.Contains("the validation split has no clips", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_diverging_run_stops_with_a_clear_message()
    {
        var data = TinyData(validationPercent: 15);
        var options = new TrainOptions { Epochs = 3, BatchSize = 16, Width = 8, Blocks = 1, Threads = 1, Augment = AugmentOptions.None, LearningRate = 1e30f };
        var e = Assert.Throws<TrainingDivergedException>(() => new TrainingRun(options).Run(data));
        Assert.Contains("lower --lr", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputExitsWithTwoAndAMessage()
    {
        var hollow = TestPaths.NewTempDir("kws-ckpt");
        File.WriteAllText(Path.Combine(hollow, Checkpoint.FileName), "{}");
        File.WriteAllBytes(Path.Combine(hollow, Checkpoint.WeightsFileName), []);
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, TrainerCli.Run(["export", "--checkpoint", hollow, "--out", Path.Combine(hollow, "x.onnx")]));
            Assert.Equal(2, TrainerCli.Run(["train", "--data", "/nonexistent/data", "--out", TestPaths.NewTempDir("kws-x")]));
            Assert.Equal(2, TrainerCli.Run(["export", "--checkpoint", "/nonexistent/ckpt", "--out", "/tmp/x.onnx"]));
            foreach (var (option, value) in new[] { ("--unknown-share", "-1"), ("--silence-share", "NaN"), ("--lr", "0"), ("--blocks", "-1"), ("--threads", "-2"), ("--gain-db", "41") })
            {
                Assert.Equal(2, TrainerCli.Run(["train", "--data", "/nonexistent/data", "--out", TestPaths.NewTempDir("kws-x"), option, value]));
            }
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Contains("'/nonexistent/data' does not exist", error.ToString());
        Assert.Contains("/nonexistent/ckpt", error.ToString());
        Assert.Contains("checkpoint.json has no options (train writes them)", error.ToString());
        foreach (var expected in new[] { "--unknown-share must be 0 or more, got -1", "--silence-share must be 0 or more, got NaN", "--lr must be a positive number, got 0", "--blocks must be a positive number, got -1", "--threads must be 0 (all cores) or more, got -2", "--gain-db must be from 0 to 40 dB, got 41" })
        {
            Assert.Contains(expected, error.ToString());
        }

        Assert.DoesNotContain("   at ", error.ToString());
    }
}
