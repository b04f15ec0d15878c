using System.Text.Json;
using TestSupport;
using Trainer.Data;
using Trainer.Evaluation;
using Trainer.Export;
using Trainer.Training;

namespace Trainer.Tests.Model;

/// <summary>
/// The bundled models (models/kws-yesno.onnx and the streaming models/kws-yesno-streaming.onnx) on the held-out test
/// speakers of the shared recordings: the figures their cards state (models/report.json and report-streaming.json,
/// written when they were trained) must still hold for the committed files, through ONNX Runtime. Skipped, saying so,
/// when the recordings are absent.
/// </summary>
public class BundledModelTests
{
    [Theory]
    [InlineData("kws-yesno.onnx", "report.json")]
    [InlineData("kws-yesno-streaming.onnx", "report-streaming.json")]
    public void TheCommittedModelStillScoresWhatItsReportSaysOnHeldOutSpeakers(string file, string reportFile)
    {
        var data = TestPaths.RequireData();
        var model = Path.Combine(TestPaths.RepoRoot, "models", file);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "models", reportFile)));
        var test = report.RootElement.GetProperty("evaluations").EnumerateArray().Single(e => e.GetProperty("split").GetString()!.StartsWith("test", StringComparison.Ordinal));

        var defaults = new TrainOptions();
        // As the model was trained and reported: every data root in one speaker split, silence cut from the part of
        // each noise recording that training never heard (--hold-out-noise).
        var layout = DatasetLayout.Resolve(data, null, [], [Path.Combine(data, "other_words")]);
        var refs = DatasetScanner.Scan(layout, new SpeakerSplitter(defaults.ValidationPercent, defaults.TestPercent))
            .Where(r => r.Split == DataSplit.Test).ToList();
        var loaded = HeldOutNoise.Apply(LoadedDataset.Load(refs, layout), defaults.ValidationPercent, defaults.TestPercent, defaults.ClipSamples);
        var clips = loaded.Clips.Where(c => c.Ref.Split == DataSplit.Test).ToList();
        using var scorer = OnnxClipScorer.Open(model, null);
        var now = EvaluationReport.From("test", scorer.Score(clips), scorer.Labels);

        Assert.Equal(test.GetProperty("clips").GetInt32(), now.Clips);
        Assert.Equal(test.GetProperty("accuracy").GetDouble(), now.Accuracy, 6);
        foreach (var label in now.Labels)
        {
            Assert.Equal(test.GetProperty("recall").GetProperty(label).GetDouble(), now.Recall[label], 6);
        }
    }
}
