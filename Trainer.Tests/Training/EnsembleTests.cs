using Kws.Onnx.Inference;
using TestSupport;
using Trainer.Cli;
using Trainer.Tests.Data;

namespace Trainer.Tests.Training;

/// <summary>Two trained models as one file whose output is the mean of theirs: ensemble, then export with thresholds.</summary>
public class EnsembleTests
{
    private static (string Data, string A, string B) TwoMembers()
    {
        var data = GeneratedDataset.Create(TestPaths.NewTempDir("kws-ens-data"), speakers: 20, perSpeaker: 2);
        var a = TestPaths.NewTempDir("kws-ens-a");
        var b = TestPaths.NewTempDir("kws-ens-b");
        Assert.Equal(0, TrainerCli.Run(["train", "--data", data, "--out", a, "--width", "6", "--blocks", "1", "--epochs", "2", "--batch", "16", "--threads", "1", "--word-classes"]));
        Assert.Equal(0, TrainerCli.Run(["train", "--data", data, "--out", b, "--arch", "matchboxnet", "--width", "6", "--blocks", "1", "--epochs", "2", "--batch", "16", "--threads", "1", "--seed", "5"]));
        return (data, a, b);
    }

    [Fact]
    public void TheEnsembleFileGivesTheMeanOfItsMembersFilesAndExportsAgainWithThresholds()
    {
        var (data, a, b) = TwoMembers();
        var ensemble = TestPaths.NewTempDir("kws-ens-out");
        Assert.Equal(0, TrainerCli.Run(["ensemble", "--member", a, "--member", b, "--data", data, "--out", ensemble]));
        foreach (var file in new[] { "model.onnx", "ensemble.json", "report.json", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(ensemble, file)), $"{file} missing");
        }

        using var ma = KeywordClassifier.Open(Path.Combine(a, "model.onnx"));
        using var mb = KeywordClassifier.Open(Path.Combine(b, "model.onnx"));
        using var both = KeywordClassifier.Open(Path.Combine(ensemble, "model.onnx"));
        Assert.Equal(ma.Contract.Normalization, both.Contract.Normalization);
        var rng = new Random(3);
        for (var trial = 0; trial < 10; trial++)
        {
            var input = Enumerable.Range(0, ma.Input.Length).Select(_ => (float)((rng.NextDouble() * 4) - 2)).ToArray();
            foreach (var c in new[] { ma, mb, both })
            {
                input.CopyTo(c.Input);
                c.Run();
            }

            for (var k = 0; k < 4; k++)
            {
                Assert.Equal((ma.Scores[k] + mb.Scores[k]) / 2, both.Scores[k], 5);
            }
        }

        var html = File.ReadAllText(Path.Combine(ensemble, "report.html"));
        Assert.Contains("member 2 (MatchboxNet 1x1x6): validation", html);
        var exported = Path.Combine(ensemble, "with-thresholds.onnx");
        Assert.Equal(0, TrainerCli.Run(["export", "--checkpoint", ensemble, "--out", exported, "--thresholds", "yes=0.8,no=0.7"]));
        using var again = KeywordClassifier.Open(exported);
        Assert.Equal(0.7f, again.Contract.Thresholds["no"]);
        Assert.Contains("mean of 2 models: DS-CNN 6x1", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(exported)));
    }

    [Fact]
    public void MembersTrainedOnOtherDataAreRefusedByName()
    {
        var (data, a, _) = TwoMembers();
        var other = GeneratedDataset.Create(TestPaths.NewTempDir("kws-ens-other"), speakers: 14, perSpeaker: 1);
        var c = TestPaths.NewTempDir("kws-ens-c");
        Assert.Equal(0, TrainerCli.Run(["train", "--data", other, "--out", c, "--width", "6", "--blocks", "1", "--epochs", "1", "--batch", "16", "--threads", "1"]));
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, TrainerCli.Run(["ensemble", "--member", a, "--member", c, "--data", data, "--out", TestPaths.NewTempDir("kws-ens-out")]));
            Assert.Equal(2, TrainerCli.Run(["ensemble", "--member", a, "--data", data, "--out", TestPaths.NewTempDir("kws-ens-out")]));
        }
        finally
        {
            Console.SetError(saved);
        }

        var lines = error.ToString().Trim().Split('\n');
        Assert.Contains($"ensemble member '{c}' differs", lines[0]);
        Assert.Contains("feature normalisation", lines[0]);
        Assert.Contains("needs at least two", lines[1]);
    }
}
