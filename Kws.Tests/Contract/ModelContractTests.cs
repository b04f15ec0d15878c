using Kws.Audio.Features;
using Kws.Onnx.Contract;

namespace Kws.Tests.Contract;

public class ModelContractTests
{
    private static ModelContract Sample() => new()
    {
        Labels = ["yes", "no", "_silence_", "_unknown_"],
        FrontEnd = new LogMelOptions { WindowMs = 25, MelBins = 32 },
        Frames = 98,
        Normalization = new FeatureNormalization(-6.5f, 2.25f),
        Thresholds = new Dictionary<string, float> { ["yes"] = 0.7f, ["no"] = 0.75f },
    };

    [Fact]
    public void MetadataRoundTrips()
    {
        var contract = Sample();
        var back = ModelContract.FromMetadata(contract.ToMetadata(), "m.onnx");
        Assert.Equal(contract.Labels, back.Labels);
        Assert.Equal(contract.FrontEnd, back.FrontEnd);
        Assert.Equal(contract.Frames, back.Frames);
        Assert.Equal(contract.Normalization, back.Normalization);
        Assert.Equal(contract.Thresholds, back.Thresholds);
        Assert.Equal(["yes", "no"], back.Keywords);
        Assert.Equal(400 + (97 * 160), back.SamplesPerInput);
    }

    [Fact]
    public void ThresholdsAreWrittenAsPeopleWroteThem()
    {
        var contract = Sample() with { Thresholds = new Dictionary<string, float> { ["yes"] = 0.78f, ["no"] = 0.73f } };
        Assert.Equal("yes=0.78,no=0.73", contract.ToMetadata()["kws.thresholds"]);
        Assert.Equal(contract.Thresholds, ModelContract.FromMetadata(contract.ToMetadata(), "m.onnx").Thresholds);
    }

    [Theory]
    [InlineData("kws.hop_ms")]
    [InlineData("kws.labels")]
    [InlineData("kws.feature_normalization")]
    [InlineData("kws.contract_version")]
    public void AMissingKeyIsNamed(string key)
    {
        var metadata = new Dictionary<string, string>(Sample().ToMetadata());
        metadata.Remove(key);
        var ex = Assert.Throws<ModelContractException>(() => ModelContract.FromMetadata(metadata, "m.onnx"));
        Assert.Contains($"'{key}'", ex.Message);
        Assert.Contains("m.onnx", ex.Message);
    }

    [Theory]
    [InlineData("kws.fft_size", "abc", "whole number")]
    [InlineData("kws.fft_size", "500", "power of two")]
    [InlineData("kws.contract_version", "3", "understands versions 1 to 2")]
    [InlineData("kws.labels", "yes", "two or more")]
    [InlineData("kws.feature_normalization", "mean_std:1", "malformed")]
    [InlineData("kws.thresholds", "maybe=0.5", "known label")]
    public void AMalformedValueIsNamedWithItsValue(string key, string value, string problem)
    {
        var metadata = new Dictionary<string, string>(Sample().ToMetadata()) { [key] = value };
        var ex = Assert.Throws<ModelContractException>(() => ModelContract.FromMetadata(metadata, "m.onnx"));
        Assert.Contains(problem, ex.Message);
        Assert.Contains(value, ex.Message);
    }

    [Fact]
    public void MatchingTensorsPass()
    {
        Sample().CheckTensors("m.onnx", "features", [-1, 1, 98, 32], "scores", [-1, 4]);
        Sample().CheckTensors("m.onnx", "features", [1, 1, 98, 32], "scores", [1, 4]);
    }

    [Theory]
    [InlineData(new long[] { -1, 1, 101, 32 }, new long[] { -1, 4 }, "101 frames", "'kws.frames' says 98")]
    [InlineData(new long[] { -1, 1, 98, 40 }, new long[] { -1, 4 }, "40 mel bins", "'kws.mel_bins' says 32")]
    [InlineData(new long[] { -1, 1, 98, 32 }, new long[] { -1, 3 }, "3 scores", "says 4")]
    [InlineData(new long[] { -1, 98, 32 }, new long[] { -1, 4 }, "3 dimensions", "[N,1,98,32]")]
    [InlineData(new long[] { -1, 1, -1, 32 }, new long[] { -1, 4 }, "dynamic number of frames", "says 98")]
    public void AShapeMismatchNamesTensorKeyAndBothValues(long[] input, long[] output, string actual, string expected)
    {
        var ex = Assert.Throws<ModelContractException>(() => Sample().CheckTensors("m.onnx", "features", input, "scores", output));
        Assert.Contains(actual, ex.Message);
        Assert.Contains(expected, ex.Message);
    }
}
