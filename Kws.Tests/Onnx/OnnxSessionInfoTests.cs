using Kws.Onnx.Format;
using Kws.Onnx.Runtime;

namespace Kws.Tests.Onnx;

/// <summary>What the writer puts in a model comes back through ONNX Runtime's metadata and type information.</summary>
public class OnnxSessionInfoTests
{
    [Fact]
    public void MetadataWrittenByTheWriterComesBackThroughOnnxRuntime()
    {
        var model = new SmallCnn(seed: 4).Build();
        model.Metadata["labels"] = "yes,no,_unknown_";
        model.Metadata["n_mels"] = "40";
        using var env = new OnnxEnvironment("kws-tests");
        using var session = OnnxSession.FromBytes(env, model.ToBytes());

        var metadata = session.Metadata;
        Assert.Equal("kws-test", metadata.ProducerName);
        Assert.Equal("small_cnn", metadata.GraphName);
        Assert.Equal("a small CNN", metadata.Description);
        Assert.Equal(7, metadata.Version);
        Assert.Equal(2, metadata.Custom.Count);
        Assert.Equal("yes,no,_unknown_", metadata.Custom["labels"]);
        Assert.Equal("40", metadata.Custom["n_mels"]);
    }

    [Fact]
    public void ModelWithoutMetadataHasAnEmptyCustomMap()
    {
        using var env = new OnnxEnvironment("kws-tests");
        using var session = OnnxSession.FromBytes(env, new ReshapeMatMul(seed: 1).Build().ToBytes());
        Assert.Empty(session.Metadata.Custom);
        Assert.Equal("reshape_matmul", session.Metadata.GraphName);
        Assert.Equal("kws", session.Metadata.ProducerName);
    }

    [Fact]
    public void InputAndOutputNamesTypesAndShapesComeBackWithSymbolicDimsAsMinusOne()
    {
        using var env = new OnnxEnvironment("kws-tests");
        using var session = OnnxSession.FromBytes(env, new SmallCnn(seed: 4).Build().ToBytes());

        var input = Assert.Single(session.Inputs);
        Assert.Equal("x", input.Name);
        Assert.Equal(OnnxElementType.Float, input.ElementType);
        Assert.Equal([-1L, 1, 98, 40], input.Shape);

        Assert.Equal(["prob", "logits"], session.Outputs.Select(o => o.Name));
        Assert.All(session.Outputs, o => Assert.Equal(OnnxElementType.Float, o.ElementType));
        Assert.All(session.Outputs, o => Assert.Equal([-1L, 3], o.Shape));
    }

    [Fact]
    public void Int64InputTypeIsReported()
    {
        var g = new OnnxGraph("ints");
        g.AddInput("a", OnnxElementType.Int64, 2, "T");
        g.AddInitializer("one", [1L], 1);
        g.Add("b", "a", "one");
        g.AddOutput("b", OnnxElementType.Int64, 2, "T");
        using var env = new OnnxEnvironment("kws-tests");
        using var session = OnnxSession.FromBytes(env, new OnnxModel(g).ToBytes());
        Assert.Equal(OnnxElementType.Int64, session.Inputs[0].ElementType);
        Assert.Equal([2L, -1], session.Inputs[0].Shape);
    }

    [Fact]
    public void LibraryReportsItsVersionAndWhereItCameFrom()
    {
        var version = OnnxRuntimeLibrary.Load();
        Assert.StartsWith("1.", version, StringComparison.Ordinal);
        Assert.True(int.Parse(version.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture) >= (int)OnnxRuntimeLibrary.RequiredApiVersion);
        Assert.NotNull(OnnxRuntimeLibrary.LoadedPath);
        Assert.Equal(version, OnnxRuntimeLibrary.Load(OnnxRuntimeLibrary.LoadedPath));
        using var env = new OnnxEnvironment("kws-tests");
        Assert.Equal(version, env.RuntimeVersion);
    }
}
