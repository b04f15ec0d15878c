using System.Text.Json;
using Kws.Audio;
using Kws.Audio.Wav;
using TestSupport;

namespace Kws.Tests.Audio;

/// <summary>The generated fixtures are what their README and JSON say they are.</summary>
public class FixtureTests
{
    private sealed record Word(int Index, string Text, string Label, string Voice, double StartS, double EndS, int StartSample, int EndSample);

    private static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static Word[] Words()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "stream_yes_no.json")));
        return doc.RootElement.GetProperty("words").Deserialize<Word[]>(Snake)!;
    }

    [Fact]
    public void StreamHoldsTheListedWordsAboveTheNoise()
    {
        var audio = WavReader.Read(Path.Combine(TestPaths.Fixtures, "stream_yes_no.wav"));
        var x = audio.ToFloatMono();
        var words = Words();

        Assert.Equal(new AudioFormat(16000, 1, SampleType.Int16), audio.Format);
        Assert.InRange(x.Length / 16000.0, 25, 40);
        Assert.True(words.Count(w => w.Label == "yes") >= 3);
        Assert.True(words.Count(w => w.Label == "no") >= 3);
        Assert.True(words.Count(w => w.Label == "_unknown_") >= 3);
        Assert.All(words.Where(w => w.Label == "_unknown_"), w => Assert.DoesNotContain(w.Text, new[] { "yes", "no" }));
        Assert.True(words.Select(w => w.Voice).Distinct().Count() >= 6);

        var noise = Signals.Rms(x.AsSpan(0, words[0].StartSample - 800));
        Assert.InRange(Signals.Db(noise), -56, -44);
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            Assert.Equal(w.StartSample / 16000.0, w.StartS, 3);
            Assert.Equal(w.EndSample / 16000.0, w.EndS, 3);
            var speech = x.AsSpan(w.StartSample, w.EndSample - w.StartSample);
            Assert.True(Signals.Db(Signals.Rms(speech) / noise) > 20, $"word {i} '{w.Text}' is not well above the noise");
            var peak = speech.ToArray().Max(Math.Abs);
            Assert.InRange(Signals.Db(peak), -8, -4);
            if (i > 0)
            {
                Assert.True(w.StartS - words[i - 1].EndS >= 1.5, $"word {i} starts {w.StartS - words[i - 1].EndS:F2} s after the last");
                var gap = x.AsSpan(words[i - 1].EndSample + 400, w.StartSample - words[i - 1].EndSample - 800);
                Assert.True(Signals.Db(Signals.Rms(gap) / noise) < 3, $"the gap before word {i} is not just noise");
            }
        }
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("no", true)]
    [InlineData("_unknown_", true)]
    [InlineData("_silence_", false)]
    public void ClipsAreOneSecondSixteenKilohertzMonoWithTheWordCentred(string label, bool hasWord)
    {
        var files = Directory.GetFiles(Path.Combine(TestPaths.Fixtures, "clips", label), "*.wav");
        Assert.True(files.Length >= 3, $"only {files.Length} clips of {label}");
        foreach (var file in files)
        {
            var audio = WavReader.Read(file);
            Assert.Equal(new AudioFormat(16000, 1, SampleType.Int16), audio.Format);
            Assert.Equal(16000, audio.FrameCount);
            var x = audio.ToFloatMono();
            var peak = x.Max(Math.Abs);
            if (!hasWord)
            {
                Assert.True(Signals.Db(peak) < -30, $"{file}: silence clip peaks at {Signals.Db(peak):F1} dBFS");
                continue;
            }

            Assert.InRange(Signals.Db(peak), -8, -4);
            double energy = 0, moment = 0;
            for (var n = 0; n < x.Length; n++)
            {
                energy += x[n] * x[n];
                moment += n * x[n] * x[n];
            }

            Assert.InRange(moment / energy / 16000, 0.35, 0.65);
        }
    }
}
