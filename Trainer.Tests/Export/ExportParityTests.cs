using Kws.Audio.Features;
using Kws.Onnx.Contract;
using Kws.Onnx.Inference;
using TestSupport;
using Trainer.Data;
using Trainer.Engine;
using Trainer.Engine.Layers;
using Trainer.Engine.Losses;
using Trainer.Engine.Models;
using Trainer.Engine.Optim;
using Trainer.Export;

namespace Trainer.Tests.Export;

/// <summary>The exported file, run by ONNX Runtime, computes what the engine computes: batch norm folded, dropout gone, softmax added.</summary>
public class ExportParityTests
{
    private static readonly LogMelOptions SmallFrontEnd = new() { MelBins = 16, FftSize = 512 };

    internal static Sequential TrainedModel(int frames, int mels, int classes = 4, string architecture = "dscnn")
    {
        var model = architecture switch
        {
            "tcresnet" => TcResNet.Create(classes, mels, width: 6, blocksPerStage: 2, dropout: 0.3f, kernel: 5),
            "matchboxnet" => MatchboxNet.Create(classes, mels, channels: 6, blocks: 2, repeats: 2, dropout: 0.3f),
            "bcresnet" => BcResNet.Create(classes, mels, width: 4, dropout: 0.3f),
            "matchboxnet-stream" => MatchboxNet.Create(classes, mels, channels: 6, blocks: 2, repeats: 2, dropout: 0.3f, streamable: true),
            "dscnn-stream" => DsCnn.Create(classes, channels: 8, blocks: 2, dropout: 0.3f, streamable: true),
            _ => DsCnn.Create(classes, channels: 8, blocks: 2, dropout: 0.3f),
        };
        model.Build(new SampleShape(1, frames, mels), 8, 1);
        model.InitializeWeights(7);
        var rng = new Random(3);
        var batch = new Tensor(8, model.InputShape) { N = 8 };
        var grad = new Tensor(8, model.OutputShape) { N = 8 };
        var loss = new SoftmaxCrossEntropy(classes);
        var optimizer = Adam.AdamW(model.Parameters, 0.01f);
        var labels = Enumerable.Range(0, 8).Select(i => i % classes).ToArray();

        // A few steps in training mode, so batch-norm running statistics and weights are far from their start.
        for (var step = 0; step < 5; step++)
        {
            for (var i = 0; i < batch.Length; i++)
            {
                batch.Data[i] = (float)((rng.NextDouble() * 4) - 2 + (labels[i / batch.Shape.Size] * 0.3));
            }

            model.ZeroGrad();
            loss.Compute(model.Forward(batch), labels, grad);
            model.Backward(grad);
            optimizer.Step(0.01f);
        }

        model.Eval();
        return model;
    }

    /// <summary>
    /// With 7 classes (3 word classes), the file must add the word classes into _unknown_ as the engine's scorer does.
    /// The residual networks check the transpose, the branches and their sum against ONNX Runtime's own kernels.
    /// </summary>
    [Theory]
    [InlineData(4, "dscnn")]
    [InlineData(7, "dscnn")]
    [InlineData(4, "tcresnet")]
    [InlineData(7, "matchboxnet")]
    [InlineData(4, "bcresnet")]
    [InlineData(7, "dscnn-stream")]
    [InlineData(7, "matchboxnet-stream")]
    public void OnnxRuntimeGivesTheEngineProbabilitiesTo1e5(int classes, string architecture)
    {
        var Frames = architecture == "matchboxnet-stream" ? 98 : 20;
        var model = TrainedModel(Frames, SmallFrontEnd.MelBins, classes, architecture);
        var contract = new ModelContract
        {
            Labels = ClassLabels.All,
            FrontEnd = SmallFrontEnd,
            Frames = Frames,
            Normalization = new FeatureNormalization(-3f, 2f),
        };
        var path = Path.Combine(TestPaths.NewTempDir("kws-export"), "m.onnx");
        OnnxExporter.Build(model, contract, "test").Save(path);

        using var classifier = KeywordClassifier.Open(path);
        Assert.Equal(contract.Labels, classifier.Contract.Labels);
        var rng = new Random(11);
        var logits = new float[classes];
        var worst = 0.0;
        for (var trial = 0; trial < 20; trial++)
        {
            var input = Enumerable.Range(0, Frames * SmallFrontEnd.MelBins).Select(_ => (float)((rng.NextDouble() * 6) - 3)).ToArray();
            model.Predict(input, logits);
            var expected = Trainer.Training.WordClasses.Collapse(Trainer.Training.ModelScorer.Softmax(logits));
            Assert.Equal(4, expected.Length);
            input.CopyTo(classifier.Input);
            classifier.Run();
            for (var k = 0; k < 4; k++)
            {
                worst = Math.Max(worst, Math.Abs(expected[k] - classifier.Scores[k]));
            }
        }

        Assert.True(worst < 1e-5, $"largest probability difference {worst}");
    }

    [Theory]
    [InlineData(4, "Softmax")]
    [InlineData(7, "MatMul")]
    public void TheExportHasNoBatchNormOrDropoutNodesAndDebiansCheckerAcceptsIt(int classes, string lastOp)
    {
        const int Frames = 20;
        var model = TrainedModel(Frames, SmallFrontEnd.MelBins, classes);
        var contract = new ModelContract { Labels = ClassLabels.All, FrontEnd = SmallFrontEnd, Frames = Frames, Normalization = FeatureNormalization.Identity };
        var onnx = OnnxExporter.Build(model, contract, "test");
        var ops = onnx.Graph.Nodes.Select(n => n.OpType).ToList();
        Assert.DoesNotContain("BatchNormalization", ops);
        Assert.DoesNotContain("Dropout", ops);
        Assert.Equal(5, ops.Count(o => o == "Conv"));
        Assert.Equal(lastOp, ops[^1]);

        var path = Path.Combine(TestPaths.NewTempDir("kws-export"), "m.onnx");
        onnx.Save(path);
        var check = OnnxChecker.Check(path);
        Assert.True(check.Ok, check.Output);
    }

    [Theory]
    [InlineData("tcresnet", 6, 3)]
    [InlineData("matchboxnet", 2, 2)]
    [InlineData("bcresnet", 12 + 8, 12)]
    public void ResidualNetworksExportAsAddAndTransposeAndDebiansCheckerAcceptsThem(string architecture, int adds, int relusAfterAdd)
    {
        const int Frames = 20;
        var model = TrainedModel(Frames, SmallFrontEnd.MelBins, 7, architecture);
        var contract = new ModelContract { Labels = ClassLabels.All, FrontEnd = SmallFrontEnd, Frames = Frames, Normalization = FeatureNormalization.Identity };
        var onnx = OnnxExporter.Build(model, contract, "test");
        var ops = onnx.Graph.Nodes.Select(n => n.OpType).ToList();
        Assert.Equal(architecture == "bcresnet" ? "Conv" : "Transpose", ops[0]);
        Assert.Equal(architecture == "bcresnet" ? 12 : 0, ops.Count(o => o == "ReduceMean"));
        Assert.Equal(adds, ops.Count(o => o == "Add"));
        Assert.DoesNotContain("BatchNormalization", ops);
        Assert.True(ops.Count(o => o == "Relu") >= relusAfterAdd);
        var path = Path.Combine(TestPaths.NewTempDir("kws-export"), "m.onnx");
        onnx.Save(path);
        var check = OnnxChecker.Check(path);
        Assert.True(check.Ok, check.Output);
    }

    [Fact]
    public void Predictions_flipped_both_ways_fail_the_check_though_the_accuracies_agree()
    {
        static Trainer.Evaluation.ScoredClip Clip(int truth, int predicted) =>
            new(truth, [.. Enumerable.Range(0, 4).Select(k => k == predicted ? 0.7f : 0.1f)], $"clip{truth}{predicted}");

        List<Trainer.Evaluation.ScoredClip> engine = [.. Enumerable.Range(0, 2000).Select(i => Clip(i % 4, i % 4))];
        engine[0] = Clip(0, 1); // the engine is wrong on clip 0 ...
        var onnx = engine.ToList();
        onnx[0] = Clip(0, 0);   // ... ONNX Runtime right,
        onnx[1] = Clip(1, 2);   // and the other way round on clip 1.

        var parity = ExportParity.Compare(engine, onnx);
        Assert.Equal(parity.EngineAccuracy, parity.OnnxAccuracy);
        Assert.Equal(2 / 2000.0, parity.PredictionsDiffering);
        Assert.False(parity.Within(0.0005));
        Assert.True(parity.Within(0.001)); // 2 of 2000 is 0.1%
        Assert.True(ExportParity.Compare(engine, engine).Within(0));
    }
}
