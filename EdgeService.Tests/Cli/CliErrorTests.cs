using TestSupport;

namespace EdgeService.Tests.Cli;

/// <summary>Bad input gets one clear line naming the thing and the problem, a non-zero exit, and no stack trace.</summary>
public class CliErrorTests
{
    private static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, name);

    private static void AssertCleanError(EdgeProcess.Result r, int code, params string[] mentions)
    {
        Assert.Equal(code, r.ExitCode);
        Assert.StartsWith("error: ", r.Err.Trim().Split('\n')[^1]);
        foreach (var m in mentions)
        {
            Assert.Contains(m, r.Err);
        }

        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
    }

    [Fact]
    public void AnUnconvertibleSettingIsNamedWithItsValue() =>
        AssertCleanError(EdgeProcess.Run(["detect", Fixture("stream_yes_no.wav"), "--Gate:MarginDb=loud"]), 2, "Gate:MarginDb", "loud");

    [Fact]
    public void AnOutOfRangeSettingIsNamed() =>
        AssertCleanError(EdgeProcess.Run(["detect", Fixture("stream_yes_no.wav"), "--Smoother:MinCount=0"]), 2, "MinCount", "0");

    [Fact]
    public void AnUnknownAudioSourceIsRefusedAtStart() =>
        AssertCleanError(EdgeProcess.Run(["run", "--Audio:Source=mic"]), 2, "Audio:Source", "'mic'");

    [Fact]
    public void AMissingModelFileIsNamed() =>
        AssertCleanError(EdgeProcess.Run(["detect", Fixture("stream_yes_no.wav"), "--model", "/nonexistent/m.onnx"]), 2, "/nonexistent/m.onnx");

    [Fact]
    public void AFileThatIsNotAModelGetsOnnxRuntimesMessage()
    {
        var dir = TestPaths.NewTempDir("kws-cli");
        var bad = Path.Combine(dir, "bad.onnx");
        File.WriteAllText(bad, "not a model");
        AssertCleanError(EdgeProcess.Run(["classify", Fixture("clips/yes"), "--model", bad]), 2, "bad.onnx", "Protobuf");
    }

    [Fact]
    public void AModelWithoutTheContractIsRefusedNamingTheKey()
    {
        // A valid ONNX file that is not a keyword model: the checker's own test model has no kws.* metadata.
        var dir = TestPaths.NewTempDir("kws-cli");
        var path = Path.Combine(dir, "plain.onnx");
        var graph = new Kws.Onnx.Format.OnnxGraph("plain");
        var x = graph.AddInput("x", Kws.Onnx.Format.OnnxElementType.Float, "N", 4);
        Kws.Onnx.Format.OnnxGraphOps.Relu(graph, "y", x);
        graph.AddOutput("y", Kws.Onnx.Format.OnnxElementType.Float, "N", 4);
        new Kws.Onnx.Format.OnnxModel(graph).Save(path);
        AssertCleanError(EdgeProcess.Run(["detect", Fixture("stream_yes_no.wav"), "--model", path]), 2, "plain.onnx", "kws.labels");
    }

    [Fact]
    public void AMissingRecordingIsNamed() =>
        AssertCleanError(EdgeProcess.Run(["detect", "/nonexistent/rec.wav"]), 2, "/nonexistent/rec.wav");

    [Fact]
    public void ABrokenWavIsNamedWithTheProblem()
    {
        var dir = TestPaths.NewTempDir("kws-cli");
        var bad = Path.Combine(dir, "broken.wav");
        File.WriteAllBytes(bad, [.. "RIFF"u8.ToArray(), 4, 0, 0, 0, .. "WAVE"u8.ToArray()]);
        AssertCleanError(EdgeProcess.Run(["detect", bad]), 2, "broken.wav");
    }

    [Fact]
    public void ABrokenWavAsTheServiceSourceIsNamedBeforeTheServiceStarts()
    {
        var dir = TestPaths.NewTempDir("kws-cli");
        var bad = Path.Combine(dir, "broken.wav");
        File.WriteAllBytes(bad, [.. "RIFF"u8.ToArray(), 4, 0, 0, 0, .. "WAVE"u8.ToArray()]);
        AssertCleanError(EdgeProcess.Run(["run", "--Audio:Source=file", $"--Audio:Path={bad}"]), 2, "broken.wav");
    }

    [Fact]
    public void AnUnknownArgumentIsRefused() =>
        AssertCleanError(EdgeProcess.Run(["run", "--frobnicate"]), 2, "--frobnicate");

    [Fact]
    public void KWS_DEBUG_adds_the_stack_trace_to_the_error_line()
    {
        var r = EdgeProcess.Run(["detect", Fixture("stream_yes_no.wav"), "--model", "/nonexistent/m.onnx"], environment: new Dictionary<string, string> { ["KWS_DEBUG"] = "1" });
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Err, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/m.onnx", r.Err, StringComparison.Ordinal);
        Assert.Contains("   at ", r.Err, StringComparison.Ordinal);
    }
}
