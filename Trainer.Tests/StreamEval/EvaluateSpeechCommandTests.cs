using System.Text.Json;
using TestSupport;
using Trainer.Cli;

namespace Trainer.Tests.StreamEval;

/// <summary>evaluate-speech end to end: a recording with its sentence list, the bundled model, the service's pipeline.</summary>
public class EvaluateSpeechCommandTests
{
    private static string BundledModel => Path.Combine(TestPaths.RepoRoot, "models", "kws-yesno.onnx");

    /// <summary>The bundled test recording as "read speech": each of its 15 words a sentence of its own.</summary>
    private static string FixtureAsReadSpeech()
    {
        var folder = TestPaths.NewTempDir("kws-read-speech");
        var fixtures = Path.Combine(TestPaths.RepoRoot, "tests", "fixtures");
        File.Copy(Path.Combine(fixtures, "stream_yes_no.wav"), Path.Combine(folder, "read-speech.wav"));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixtures, "stream_yes_no.json")));
        var segments = manifest.RootElement.GetProperty("words").EnumerateArray().Select(w => new Dictionary<string, object?>
        {
            ["start_s"] = w.GetProperty("start_s").GetDouble(),
            ["end_s"] = w.GetProperty("end_s").GetDouble(),
            ["keyword"] = w.GetProperty("label").GetString() is "yes" or "no" ? w.GetProperty("label").GetString() : null,
            ["voice"] = w.GetProperty("voice").GetString(),
            ["text"] = w.GetProperty("text").GetString(),
        }).ToList();
        File.WriteAllText(Path.Combine(folder, "segments.json"), JsonSerializer.Serialize(segments));
        return folder;
    }

    [Fact]
    public void EverySentenceWithAKeywordIsFoundAndNoOtherFires()
    {
        var output = TestPaths.NewTempDir("kws-speech-out");
        var code = TrainerCli.Run(["evaluate-speech", "--speech", FixtureAsReadSpeech(), "--model", BundledModel, "--out", output,
            "--threshold-sweep", "--sweep-min", "0.5", "--sweep-max", "0.9", "--sweep-step", "0.2"]);
        Assert.Equal(0, code);

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var root = metrics.RootElement;
        Assert.Equal(5, root.GetProperty("clips").GetProperty("yes sentences").GetInt32());
        Assert.Equal(5, root.GetProperty("clips").GetProperty("other sentences").GetInt32());
        var stream = Assert.Single(root.GetProperty("streams").EnumerateArray());
        Assert.Equal(30.74, stream.GetProperty("duration_s").GetDouble(), 2);
        var score = stream.GetProperty("default").GetProperty("score");
        foreach (var keyword in new[] { "yes", "no" })
        {
            Assert.Equal(5, score.GetProperty("keywords").GetProperty(keyword).GetProperty("hits").GetInt32());
        }

        Assert.Equal(0, score.GetProperty("false_alarms").GetProperty("total").GetInt32());
        Assert.Equal([0.5, 0.7, 0.9], stream.GetProperty("sweep").EnumerateArray().Select(r => Math.Round(r.GetProperty("threshold").GetDouble(), 2)));
    }

    [Theory]
    [InlineData("[]", "lists no sentences")]
    [InlineData("[{\"start_s\": 10, \"end_s\": 99, \"keyword\": null}]", "outside the recording")]
    [InlineData("[{\"start_s\": 1, \"end_s\": 2, \"keyword\": \"maybe\"}]", "names another keyword")]
    [InlineData("{", "is not a list of segments")]
    public void ABadSentenceListIsNamedWithExitCode2(string segments, string expected)
    {
        var folder = FixtureAsReadSpeech();
        File.WriteAllText(Path.Combine(folder, "segments.json"), segments);
        var (code, error) = Run(["evaluate-speech", "--speech", folder, "--model", BundledModel, "--out", TestPaths.NewTempDir("kws-speech-out")]);
        Assert.Equal(2, code);
        Assert.Contains("segments.json", error);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void NoiseIsNeededForAFiniteSnr()
    {
        var (code, error) = Run(["evaluate-speech", "--speech", FixtureAsReadSpeech(), "--model", BundledModel, "--out", TestPaths.NewTempDir("kws-speech-out"), "--snr-db", "10"]);
        Assert.Equal(2, code);
        Assert.Contains("--noise", error);
    }

    private static (int Code, string Error) Run(string[] args)
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            return (TrainerCli.Run(args), error.ToString());
        }
        finally
        {
            Console.SetError(saved);
        }
    }
}
