using Kws.Audio.Features;
using Kws.Onnx.Contract;
using Kws.Onnx.Format;
using Kws.Onnx.Inference;
using TestSupport;

namespace Kws.Tests.Inference;

public class KeywordClassifierTests
{
    private static readonly ModelContract Contract = new()
    {
        Labels = ["yes", "no", "_silence_", "_unknown_"],
        FrontEnd = new LogMelOptions(),
        Frames = 98,
        Normalization = new FeatureNormalization(-4f, 2f),
    };

    private static string WriteModel(string dir, int frames, int labels, IReadOnlyDictionary<string, string> metadata) =>
        TinyContractModel.Write(dir, frames, labels, metadata);

    [Fact]
    public void OpensAContractModelAndRunsIt()
    {
        var dir = TestPaths.NewTempDir("kws-classifier");
        using var classifier = KeywordClassifier.Open(WriteModel(dir, 98, 4, Contract.ToMetadata()));
        Assert.Equal(Contract.Labels, classifier.Contract.Labels);
        Assert.Equal(Contract.Normalization, classifier.Contract.Normalization);
        Assert.Equal(98 * 40, classifier.Input.Length);

        classifier.Input.Fill(0.5f);
        classifier.Run();
        var logits = new[] { 0.5, 1.0, 1.5, 2.0 };
        var sum = logits.Sum(Math.Exp);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(Math.Exp(logits[i]) / sum, classifier.Scores[i], 5);
        }
    }

    [Fact]
    public void AModelWithoutTheContractIsRefusedNamingTheKey()
    {
        var dir = TestPaths.NewTempDir("kws-classifier");
        var metadata = new Dictionary<string, string>(Contract.ToMetadata());
        metadata.Remove(ModelContractKeys.Frames);
        var ex = Assert.Throws<ModelContractException>(() => KeywordClassifier.Open(WriteModel(dir, 98, 4, metadata)));
        Assert.Contains("'kws.frames'", ex.Message);
    }

    [Fact]
    public void AShapeThatDisagreesWithTheMetadataIsRefusedWithBothValues()
    {
        var dir = TestPaths.NewTempDir("kws-classifier");
        var ex = Assert.Throws<ModelContractException>(() => KeywordClassifier.Open(WriteModel(dir, 101, 4, Contract.ToMetadata())));
        Assert.Contains("101 frames", ex.Message);
        Assert.Contains("says 98", ex.Message);

        ex = Assert.Throws<ModelContractException>(() => KeywordClassifier.Open(WriteModel(dir, 98, 3, Contract.ToMetadata())));
        Assert.Contains("3 scores", ex.Message);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => KeywordClassifier.Open("/nonexistent/model.onnx"));
        Assert.Contains("/nonexistent/model.onnx", ex.Message);
    }

    [Fact]
    public void RunAllocatesNothing()
    {
        var dir = TestPaths.NewTempDir("kws-classifier");
        using var classifier = KeywordClassifier.Open(WriteModel(dir, 98, 4, Contract.ToMetadata()));
        for (var i = 0; i < 20; i++)
        {
            classifier.Run();
        }

        var allocated = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 200; i++)
            {
                classifier.Run();
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
    }
}
