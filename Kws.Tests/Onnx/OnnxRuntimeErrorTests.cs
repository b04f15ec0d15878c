using TestSupport;
using Kws.Onnx.Format;
using Kws.Onnx.Runtime;

namespace Kws.Tests.Onnx;

/// <summary>Failures come back as clear exceptions carrying ONNX Runtime's own message, not as crashes.</summary>
public class OnnxRuntimeErrorTests
{
    [Fact]
    public void NonexistentExplicitLibraryPathGivesAClearErrorNamingIt()
    {
        var path = Path.Combine(TestSupport.TestPaths.NewTempDir("kws-onnx"), "no-such-dir", "libonnxruntime.so");
        var e = Assert.Throws<OnnxRuntimeLoadException>(() => OnnxRuntimeLibrary.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("explicit path", e.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/fetch-onnxruntime.sh", e.Message, StringComparison.Ordinal);
        Assert.Contains("KWS_ONNXRUNTIME_PATH", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplicitPathToAFileThatIsNotALibraryGivesAClearError()
    {
        var path = Path.Combine(TestSupport.TestPaths.NewTempDir("kws-onnx"), "libonnxruntime.so");
        File.WriteAllText(path, "not a shared library");
        var e = Assert.Throws<OnnxRuntimeLoadException>(() => new OnnxEnvironment(libraryPath: path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GarbageBytesAsAModelGiveOnnxRuntimesMessage()
    {
        using var env = new OnnxEnvironment("kws-tests");
        var garbage = System.Text.Encoding.ASCII.GetBytes("this is not an ONNX model, just text");
        var e = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.FromBytes(env, garbage));
        Assert.Equal(OnnxErrorCode.InvalidProtobuf, e.ErrorCode);
        Assert.Contains("protobuf", e.OrtMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(e.OrtMessage, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_model_file_is_named_without_ONNX_Runtimes_source_locations()
    {
        using var env = new OnnxEnvironment("kws-tests");
        var path = Path.Combine(TestSupport.TestPaths.NewTempDir("kws-onnx"), "empty.onnx");
        File.WriteAllBytes(path, []);
        var e = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.FromFile(env, path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("does not have a graph", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".cc:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("onnxruntime::", e.Message, StringComparison.Ordinal);
        Assert.Contains(".cc:", e.OrtMessage, StringComparison.Ordinal); // kept where a developer looks
    }

    [Theory]
    [InlineData("Load model from m.onnx failed:/onnxruntime_src/onnxruntime/core/graph/model.cc:187 onnxruntime::Model::Model(onnx::ModelProto&&, const onnxruntime::PathString&) ModelProto does not have a graph.",
        "Load model from m.onnx failed:ModelProto does not have a graph.")]
    [InlineData("/onnxruntime_src/onnxruntime/core/session/inference_session.cc:1234 onnxruntime::common::Status onnxruntime::InferenceSession::Run() const Bad input",
        "Bad input")]
    [InlineData("Protobuf parsing failed.", "Protobuf parsing failed.")]
    public void Source_locations_are_taken_out_of_the_message(string ort, string shown)
    {
        Assert.Equal(shown, OnnxRuntimeException.WithoutSourceLocations(ort));
    }

    [Fact]
    public void A_disposed_environment_is_refused_before_ONNX_Runtime_sees_its_pointer()
    {
        var model = new SmallCnn(seed: 8).Build().ToBytes();
        var env = new OnnxEnvironment("kws-tests");
        env.Dispose();
        var e = Assert.Throws<ObjectDisposedException>(() => OnnxSession.FromBytes(env, model));
        Assert.Contains("disposed before the model was loaded", e.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => OnnxSession.FromFile(env, "/nonexistent/model.onnx"));

        // A session keeps its environment alive: disposing the environment first does not free it under the session.
        var live = new OnnxEnvironment("kws-tests");
        using (var session = OnnxSession.FromBytes(live, model))
        {
            live.Dispose();
            Assert.Equal(SmallCnn.Classes, session.Outputs[0].Shape[^1]);
        }
    }

    [Fact]
    public void The_loaded_library_under_another_name_is_accepted()
    {
        using var env = new OnnxEnvironment("kws-tests");
        var loaded = OnnxRuntimeLibrary.LoadedPath!;
        Assert.True(File.Exists(loaded), $"ONNX Runtime was loaded from {loaded}, not a file path");
        var dir = TestSupport.TestPaths.NewTempDir("kws-onnx");
        var link = Path.Combine(dir, "libonnxruntime-link.so");
        File.CreateSymbolicLink(link, loaded);
        Assert.Equal(env.RuntimeVersion, OnnxRuntimeLibrary.Load(link)); // the same file: nothing new is loaded
        Assert.Equal(loaded, OnnxRuntimeLibrary.LoadedPath);
    }

    [Fact]
    public void A_tensor_shape_whose_size_would_wrap_around_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => OnnxTensor.Create(4, 1L << 62));
        Assert.Contains("too large", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModelFileGivesOnnxRuntimesMessage()
    {
        using var env = new OnnxEnvironment("kws-tests");
        var path = Path.Combine(TestSupport.TestPaths.NewTempDir("kws-onnx"), "absent.onnx");
        var e = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.FromFile(env, path));
        Assert.Equal(OnnxErrorCode.NoSuchFile, e.ErrorCode);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongInputShapeAtRunGivesOnnxRuntimesMessageAndTheSessionStillWorks()
    {
        var cnn = new SmallCnn(seed: 8);
        using var env = new OnnxEnvironment("kws-tests");
        using var session = OnnxSession.FromBytes(env, cnn.Build().ToBytes(), new OnnxSessionOptions { IntraOpThreads = 1 });
        using var wrong = OnnxTensor.Create(1, 1, SmallCnn.Height - 1, SmallCnn.Width);
        using var right = OnnxTensor.Create(1, 1, SmallCnn.Height, SmallCnn.Width);
        using var prob = OnnxTensor.Create(1, SmallCnn.Classes);
        using var logits = OnnxTensor.Create(1, SmallCnn.Classes);

        using (var bad = session.Bind(["x"], [wrong], ["prob", "logits"], [prob, logits]))
        {
            var e = Assert.Throws<OnnxRuntimeException>(bad.Run);
            Assert.Equal(OnnxErrorCode.InvalidArgument, e.ErrorCode);
            Assert.Contains("dimension", e.OrtMessage, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("running the model", e.Message, StringComparison.Ordinal);
        }

        using var good = session.Bind(["x"], [right], ["prob", "logits"], [prob, logits]);
        var data = cnn.RandomInput(1);
        data.CopyTo(right.Span);
        good.Run();
        OnnxAssert.Close(cnn.Reference(data, 1).Prob, prob.Span, 1e-5, "prob");
    }

    [Fact]
    public void WrongOutputShapeAtRunGivesOnnxRuntimesMessage()
    {
        using var env = new OnnxEnvironment("kws-tests");
        using var session = OnnxSession.FromBytes(env, new ReshapeMatMul(seed: 2).Build().ToBytes());
        using var input = OnnxTensor.Create(2, 3, 4);
        using var output = OnnxTensor.Create(2, 4);
        using var binding = session.Bind(input, output);
        var e = Assert.Throws<OnnxRuntimeException>(binding.Run);
        Assert.NotEmpty(e.OrtMessage);
    }

    [Fact]
    public void BindingAnUnknownNameIsRefusedNamingTheKnownOnes()
    {
        using var env = new OnnxEnvironment("kws-tests");
        using var session = OnnxSession.FromBytes(env, new ReshapeMatMul(seed: 2).Build().ToBytes());
        using var input = OnnxTensor.Create(2, 3, 4);
        using var output = OnnxTensor.Create(2, 5);
        var e = Assert.Throws<ArgumentException>(() => session.Bind(["nope"], [input], ["y"], [output]));
        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
        Assert.Contains("x", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderNotInThisBuildGivesOnnxRuntimesMessage()
    {
        using var env = new OnnxEnvironment("kws-tests");
        var bytes = new ReshapeMatMul(seed: 2).Build().ToBytes();
        var e = Assert.Throws<OnnxRuntimeException>(() =>
            OnnxSession.FromBytes(env, bytes, new OnnxSessionOptions { ExecutionProvider = "NoSuchProvider" }));
        Assert.Contains("NoSuchProvider", e.OrtMessage, StringComparison.Ordinal);
        Assert.Contains("'NoSuchProvider'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CudaEitherRunsOrFailsWithOnnxRuntimesMessage()
    {
        using var env = new OnnxEnvironment("kws-tests");
        var model = new ReshapeMatMul(seed: 2);
        OnnxSession session;
        try
        {
            session = OnnxSession.FromBytes(env, model.Build().ToBytes(), new OnnxSessionOptions { ExecutionProvider = "cuda" });
        }
        catch (OnnxRuntimeException e)
        {
            Assert.Contains("CUDA", e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.NotEmpty(e.OrtMessage);
            return;
        }

        using (session)
        {
            using var input = OnnxTensor.Create(1, 3, 4);
            using var output = OnnxTensor.Create(1, 5);
            using var binding = session.Bind(input, output);
            input.Span.Fill(0.5f);
            binding.Run();
            OnnxAssert.Close(model.Reference(input.Span, 1), output.Span, 1e-4, "y");
        }
    }

    [Fact]
    public void DisposedTensorRefusesAccess()
    {
        var tensor = OnnxTensor.Create(2, 2);
        tensor.Span[0] = 1;
        tensor.Dispose();
        Assert.Throws<ObjectDisposedException>(() => tensor.Span[0]);
    }
}
