using Kws.Detection.Composition;
using Kws.Detection.Pipeline;
using System.Numerics.Tensors;
using System.Text.Json;
using EdgeService.Cli;
using EdgeService.Detection;
using EdgeService.Hosting;
using Kws.Audio.Wav;
using TestSupport;

namespace EdgeService.Tests.Pipeline;

/// <summary>
/// The real pipeline with the real bundled model on the generated recording tests/fixtures/stream_yes_no.wav
/// (synthetic voices the model never trained on): every "yes" and "no" is detected, with the right keyword, between
/// the word's start and 300 ms after its end; nothing is detected for the other words or the noise between them.
/// The same recording 45 dB quieter (speech at about -71 dBFS RMS, as from a quiet I2S microphone with no gain of
/// its own) needs Pipeline:InputGainDb. (The model bundled until 2026-12 already missed the recording 30 dB down; the
/// one bundled now finds 8 of its 10 keywords there and none 45 dB down.)
/// </summary>
public class FixtureReplayTests
{
    private sealed record Word(string Text, string Label, double StartS, double EndS);

    private static List<Word> Words()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "stream_yes_no.json")));
        return json.RootElement.GetProperty("words").EnumerateArray()
            .Select(w => new Word(w.GetProperty("text").GetString()!, w.GetProperty("label").GetString()!, w.GetProperty("start_s").GetDouble(), w.GetProperty("end_s").GetDouble()))
            .ToList();
    }

    private static string Fixture => Path.Combine(TestPaths.Fixtures, "stream_yes_no.wav");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EveryKeywordIsDetectedInTimeAndNothingElse(bool gate)
    {
        var settings = DetectionSettings.FromArguments([$"--Gate:Enabled={gate}"]);
        AssertEveryKeywordInTimeAndNothingElse(Detect(Fixture, settings));
    }

    /// <summary>
    /// The streaming model (models/kws-yesno-streaming.onnx, at its own thresholds, yes 0.95 and no 0.87) through the
    /// same pipeline: nothing but keywords, each the right one; its causal networks fire later (up to 0.45 s after the
    /// word here) and at those thresholds it finds 8 of the 10 (models/MODEL_CARD-streaming.md).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheStreamingModelFindsMostKeywordsWithinHalfASecondAndNothingElse(bool gate)
    {
        var model = Path.Combine(TestPaths.RepoRoot, "models", "kws-yesno-streaming.onnx");
        var detections = Detect(Fixture, DetectionSettings.FromArguments([$"--Gate:Enabled={gate}", $"--Model:Path={model}"]));
        var keywords = Words().Where(w => !w.Label.StartsWith('_')).ToList();
        var report = string.Join("; ", detections.Select(d => $"{d.Keyword}@{d.TimeS:F2}s({d.Score:F2})"));
        foreach (var d in detections)
        {
            Assert.True(keywords.Any(w => w.Label == d.Keyword && d.TimeS >= w.StartS && d.TimeS <= w.EndS + 0.5), $"{d.Keyword}@{d.TimeS:F2}s is not a keyword of that label within 0.5 s; all detections: {report}");
        }

        var found = keywords.Count(w => detections.Any(d => d.Keyword == w.Label && d.TimeS >= w.StartS && d.TimeS <= w.EndS + 0.5));
        Assert.True(found >= 8, $"found {found} of {keywords.Count} keywords: {report}");
    }

    [Fact]
    public void A_recording_45_dB_quieter_is_missed_and_InputGainDb_45_finds_every_keyword_again()
    {
        var quiet = Path.Combine(TestPaths.NewTempDir("kws-level"), "quiet.wav");
        var samples = WavReader.ReadFloatMono(Fixture, out _);
        TensorPrimitives.Multiply(samples, MathF.Pow(10, -45 / 20f), samples);
        WavWriter.WritePcm16(quiet, samples, 16000);

        var plain = Detect(quiet, DetectionSettings.FromArguments([]));
        var keywords = Words().Count(w => !w.Label.StartsWith('_'));
        Assert.True(plain.Count < keywords / 2, $"the quiet recording gave {plain.Count} of {keywords} keywords without gain; this test expects the model to miss most of them");

        AssertEveryKeywordInTimeAndNothingElse(Detect(quiet, DetectionSettings.FromArguments(["--Pipeline:InputGainDb=45"])));
    }

    private static List<KeywordDetection> Detect(string path, DetectionSettings settings)
    {
        var sink = new CollectingSink();
        DetectCommand.Detect(path, settings, sink);
        return sink.Detections;
    }

    private static void AssertEveryKeywordInTimeAndNothingElse(List<KeywordDetection> detections)
    {
        var words = Words();
        var report = string.Join("; ", detections.Select(d => $"{d.Keyword}@{d.TimeS:F2}s({d.Score:F2})"));
        foreach (var word in words.Where(w => !w.Label.StartsWith('_')))
        {
            var hits = detections.Where(d => d.TimeS >= word.StartS && d.TimeS <= word.EndS + 0.3).ToList();
            Assert.True(hits.Count == 1 && hits[0].Keyword == word.Label,
                $"'{word.Text}' at {word.StartS:F2}-{word.EndS:F2} s: expected one '{word.Label}' detection by {word.EndS + 0.3:F2} s; all detections: {report}");
        }

        var keywordWords = words.Where(w => !w.Label.StartsWith('_')).ToList();
        var unexplained = detections.Where(d => !keywordWords.Any(w => d.TimeS >= w.StartS && d.TimeS <= w.EndS + 0.3)).ToList();
        Assert.True(unexplained.Count == 0, $"detections not explained by a keyword: {string.Join("; ", unexplained.Select(d => $"{d.Keyword}@{d.TimeS:F2}s"))}");
    }
}
