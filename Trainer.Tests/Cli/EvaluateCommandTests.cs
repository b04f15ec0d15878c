using System.Text.Json;
using TestSupport;
using Trainer.Tests.Data;

namespace Trainer.Tests.Cli;

/// <summary><c>kws-trainer evaluate</c> on a trained tiny model: the report, the list of wrong clips, bad input.</summary>
public class EvaluateCommandTests
{
    [Fact]
    public void TheReportCountsEveryClipAndListErrorsNamesEachWrongOne()
    {
        var data = GeneratedDataset.Create(TestPaths.NewTempDir("kws-eval-data"), speakers: 12, perSpeaker: 1);
        var model = TestPaths.NewTempDir("kws-eval-model");
        var trained = TrainerProcess.Run("train", "--data", data, "--out", model, "--epochs", "1", "--batch", "8", "--width", "8", "--blocks", "1", "--no-augment");
        Assert.True(trained.Code == 0, trained.Output + trained.Error);

        var (code, output, error) = TrainerProcess.Run("evaluate", "--model", Path.Combine(model, "model.onnx"), "--data", data, "--json", "--list-errors");

        Assert.True(code == 0, output + error);
        using var report = JsonDocument.Parse(output);
        var confusion = report.RootElement.GetProperty("confusion").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();
        Assert.Equal(Directory.EnumerateFiles(data, "*.wav", SearchOption.AllDirectories).Count(f => !f.Contains("_background_noise_")), confusion.Sum(r => r.Sum()));
        var wrong = confusion.Select((row, t) => row.Where((_, p) => p != t).Sum()).Sum();
        Assert.Contains($"{wrong} clips wrong:", error);
        var lines = error.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains(".wav: ")).ToList();
        Assert.Equal(wrong, lines.Count);
        Assert.All(lines, l => Assert.Matches(@"\.wav: \S+ -> \S+ \(yes [0-9.]+, no [0-9.]+, _silence_ [0-9.]+, _unknown_ [0-9.]+\)", l));

        // Each recall comes with the Wilson interval of its own counts.
        var labels = report.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();
        var intervals = report.RootElement.GetProperty("recall_interval");
        for (var t = 0; t < labels.Count; t++)
        {
            var interval = intervals.GetProperty(labels[t]);
            double[] bounds = [interval.GetProperty("low").GetDouble(), interval.GetProperty("high").GetDouble()];
            var expected = Trainer.Evaluation.WilsonInterval.Of(confusion[t][t], confusion[t].Sum());
            Assert.Equal([expected.Low, expected.High], bounds);
            var recall = report.RootElement.GetProperty("recall").GetProperty(labels[t]).GetDouble();
            Assert.Equal(confusion[t].Sum() == 0 ? 0 : (double)confusion[t][t] / confusion[t].Sum(), recall, 12);
            Assert.InRange(recall, bounds[0], bounds[1]);
        }
    }

    [Fact]
    public void AMissingModelOrABadSplitIsOneClearLineAndExitTwo()
    {
        var data = GeneratedDataset.Create(TestPaths.NewTempDir("kws-eval-data"), speakers: 4, perSpeaker: 1);

        var missing = TrainerProcess.Run("evaluate", "--model", "/nonexistent/m.onnx", "--data", data);
        var badSplit = TrainerProcess.Run("evaluate", "--model", "/nonexistent/m.onnx", "--data", data, "--split", "tuesday");

        Assert.Equal(2, missing.Code);
        Assert.Contains("/nonexistent/m.onnx", missing.Error);
        Assert.Equal(2, badSplit.Code);
        Assert.Contains("--split is 'tuesday'", badSplit.Error);
        Assert.DoesNotContain("   at ", missing.Error + badSplit.Error);
    }

    [Fact]
    public void A_broken_model_is_reported_before_any_clip_is_read_with_exit_two_as_the_service_does()
    {
        var data = GeneratedDataset.Create(TestPaths.NewTempDir("kws-eval-data"), speakers: 4, perSpeaker: 1);
        var model = Path.Combine(TestPaths.NewTempDir("kws-eval-model"), "broken.onnx");
        File.WriteAllBytes(model, [.. "this is not an ONNX model"u8]);

        var (code, _, error) = TrainerProcess.Run("evaluate", "--model", model, "--data", data);

        Assert.Equal(2, code);
        Assert.Contains(model, error);
        Assert.DoesNotContain("clips read", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void A_model_with_its_labels_in_another_order_is_refused_not_scored_against_the_wrong_columns()
    {
        var data = GeneratedDataset.Create(TestPaths.NewTempDir("kws-eval-data"), speakers: 4, perSpeaker: 1);
        var contract = new Kws.Onnx.Contract.ModelContract
        {
            Labels = ["no", "yes", "_silence_", "_unknown_"],
            FrontEnd = new Kws.Audio.Features.LogMelOptions(),
            Frames = 98,
            Normalization = new Kws.Audio.Features.FeatureNormalization(-4f, 2f),
        };
        var model = TinyContractModel.Write(TestPaths.NewTempDir("kws-eval-model"), 98, 4, contract.ToMetadata());

        var (code, _, error) = TrainerProcess.Run("evaluate", "--model", model, "--data", data);

        Assert.Equal(2, code);
        Assert.Contains("its labels are no,yes,_silence_,_unknown_; evaluate scores models labelled yes,no,_silence_,_unknown_", error);
        Assert.DoesNotContain("   at ", error);
    }
}
