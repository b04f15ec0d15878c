using Kws.Onnx.Format;

namespace Kws.Tests.Onnx;

/// <summary>The graph builder names mistakes when they are made.</summary>
public class OnnxGraphTests
{
    [Fact]
    public void NodeReadingAnUndefinedValueIsRefusedNamingIt()
    {
        var g = new OnnxGraph("g");
        g.AddInput("x", OnnxElementType.Float, 1);
        var e = Assert.Throws<ArgumentException>(() => g.Relu("y", "nope"));
        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Relu", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueDefinedTwiceIsRefused()
    {
        var g = new OnnxGraph("g");
        g.AddInput("x", OnnxElementType.Float, 1);
        g.Relu("y", "x");
        var e = Assert.Throws<ArgumentException>(() => g.Relu("y", "x"));
        Assert.Contains("'y'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => g.AddInitializer("x", [1f], 1));
    }

    [Fact]
    public void InitializerWhoseShapeDoesNotMatchItsValuesIsRefused()
    {
        var g = new OnnxGraph("g");
        var e = Assert.Throws<ArgumentException>(() => g.AddInitializer("w", [1f, 2f, 3f], 2, 2));
        Assert.Contains("'w'", e.Message, StringComparison.Ordinal);
        Assert.Contains("[2,2]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputMustBeProducedFirstAndModelNeedsInputsAndOutputs()
    {
        var g = new OnnxGraph("g");
        Assert.Throws<ArgumentException>(() => g.AddOutput("y", OnnxElementType.Float, 1));
        g.AddInput("x", OnnxElementType.Float, 1);
        Assert.Throws<InvalidOperationException>(() => new OnnxModel(g).ToBytes());
    }

    [Fact]
    public void WriterOutputIsDeterministic()
    {
        var a = new SmallCnn(seed: 6).Build();
        var b = new SmallCnn(seed: 6).Build();
        a.Metadata["z"] = "1";
        a.Metadata["a"] = "2";
        b.Metadata["a"] = "2";
        b.Metadata["z"] = "1";
        Assert.Equal(a.ToBytes(), b.ToBytes());
        Assert.NotEqual(a.ToBytes(), new SmallCnn(seed: 7).Build().ToBytes());
    }

    [Fact]
    public void DimsConvertFromNumbersAndNames()
    {
        OnnxDim n = "N";
        OnnxDim four = 4;
        Assert.Equal("N", n.Symbol);
        Assert.Null(n.Value);
        Assert.Equal(4, four.Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxDim.Fixed(-1));
        Assert.Throws<ArgumentException>(() => OnnxDim.Symbolic(" "));
    }
}
