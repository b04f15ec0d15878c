using System.Text.Json;
using TestSupport;
using Trainer.Cli;
using Trainer.Tests.Data;

namespace Trainer.Tests.StreamEval;

/// <summary>evaluate-stream end to end: generated clips, the bundled model, the service's pipeline, the files it writes.</summary>
public class EvaluateStreamCommandTests
{
    private static string BundledModel => Path.Combine(TestPaths.RepoRoot, "models", "kws-yesno.onnx");

    [Fact]
    public void AMinuteOfStreamWritesMetricsAndTheTradeOffPicture()
    {
        var data = GeneratedDataset.Create(TestPaths.NewTempDir("kws-stream-data"), speakers: 40, perSpeaker: 1);
        var output = TestPaths.NewTempDir("kws-stream-out");
        var code = TrainerCli.Run([
            "evaluate-stream", "--data", data, "--model", BundledModel, "--split", "test", "--snr-db", "10", "--snr-db", "0",
            "--minutes", "1", "--seed", "2", "--out", output, "--threshold-sweep", "--sweep-min", "0.4", "--sweep-max", "0.8", "--sweep-step", "0.4",
            "--Gate:Enabled=false", "--Smoother:MinCount=2",
        ]);

        Assert.Equal(0, code);
        float modelYes;
        using (var classifier = Kws.Onnx.Inference.KeywordClassifier.Open(BundledModel))
        {
            modelYes = classifier.Contract.Thresholds.TryGetValue("yes", out var t) ? t : 0.7f;   // the model's own suggestion, else Smoother:DefaultThreshold
        }

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")));
        var root = metrics.RootElement;
        Assert.Equal("test", root.GetProperty("split").GetString());
        Assert.False(root.GetProperty("settings").GetProperty("gate_enabled").GetBoolean());
        Assert.Equal(2, root.GetProperty("settings").GetProperty("smoother_min_count").GetInt32());
        var streams = root.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal([10.0, 0.0], streams.Select(s => s.GetProperty("snr_db").GetDouble()));
        foreach (var s in streams)
        {
            Assert.InRange(s.GetProperty("measured_snr_db").GetDouble(), s.GetProperty("snr_db").GetDouble() - 0.1, s.GetProperty("snr_db").GetDouble() + 0.1);
            Assert.Equal(60, s.GetProperty("duration_s").GetDouble(), 3);
            var words = s.GetProperty("words");
            Assert.True(words.GetProperty("yes").GetInt32() + words.GetProperty("no").GetInt32() > 3);
            var standard = s.GetProperty("default");
            Assert.Equal(modelYes, standard.GetProperty("thresholds").GetProperty("yes").GetDouble(), 4);
            var yes = standard.GetProperty("score").GetProperty("keywords").GetProperty("yes");
            Assert.Equal(words.GetProperty("yes").GetInt32(), yes.GetProperty("words").GetInt32());
            Assert.InRange(yes.GetProperty("hit_rate").GetDouble(), 0, 1);
            Assert.True(yes.TryGetProperty("false_alarms_per_hour", out _));
            Assert.True(yes.TryGetProperty("latency_median_s", out _));
            var sweep = s.GetProperty("sweep").EnumerateArray().ToList();
            Assert.Equal([0.4, 0.8], sweep.Select(r => r.GetProperty("threshold").GetDouble()));
            Assert.All(sweep, r => Assert.Equal(r.GetProperty("threshold").GetDouble(), r.GetProperty("thresholds").GetProperty("no").GetDouble(), 4));
            Assert.True(standard.GetProperty("inferences").GetInt64() > 1000, "with the gate off the model runs every 50 ms");
        }

        var svg = File.ReadAllText(Path.Combine(output, "det.svg"));
        Assert.StartsWith("<svg", svg);
        Assert.Equal(4, svg.Split("<polyline").Length - 1);   // yes and no at two SNRs
        Assert.Contains("yes @ 0 dB", svg);
        Assert.Contains(svg, File.ReadAllText(Path.Combine(output, "det.html")));
    }

    [Fact]
    public void ABadServiceSettingIsNamedWithExitCode2()
    {
        var data = GeneratedDataset.Create(TestPaths.NewTempDir("kws-stream-data"), speakers: 40, perSpeaker: 1);
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            var code = TrainerCli.Run(["evaluate-stream", "--data", data, "--model", BundledModel, "--minutes", "0.5", "--out", TestPaths.NewTempDir("kws-stream-out"), "--Smoother:MinCount=0"]);
            Assert.Equal(2, code);
        }
        finally
        {
            Console.SetError(saved);
        }

        Assert.Contains("MinCount", error.ToString());
    }
}
