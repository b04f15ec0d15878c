using Kws.Audio.Clips;
using Trainer.Data;
using Trainer.StreamEval;

namespace Trainer.Tests.StreamEval;

public class StreamBuilderTests
{
    private const int Rate = StreamBuilder.SampleRateHz;

    /// <summary>A clip of one second: faint hiss, with a tone from <paramref name="from"/> to <paramref name="to"/> seconds.</summary>
    internal static Clip ToneClip(string label, int classIndex, int n, double from = 0.3, double to = 0.7, double hz = 500)
    {
        var rng = new Random(n);
        var x = new float[Rate];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)((rng.NextDouble() - 0.5) * 0.001);
            if (i >= from * Rate && i < to * Rate)
            {
                x[i] += (float)(0.3 * Math.Sin(2 * Math.PI * hz * i / Rate));
            }
        }

        return new Clip(x, new ClipRef($"/gen/{label}/{n:x8}_nohash_0.wav", classIndex, $"{n:x8}", DataSplit.Test, label));
    }

    internal static (List<Clip> Keywords, List<Clip> Others, List<float[]> Noise) Clips()
    {
        var keywords = Enumerable.Range(0, 4).Select(n => ToneClip("yes", ClassLabels.Yes, n, hz: 700))
            .Concat(Enumerable.Range(4, 4).Select(n => ToneClip("no", ClassLabels.No, n, hz: 300))).ToList();
        var others = Enumerable.Range(8, 6).Select(n => ToneClip("up", ClassLabels.Unknown, n, 0.2, 0.5, 1000)).ToList();
        var rng = new Random(5);
        var noise = new List<float[]> { Enumerable.Range(0, 3 * Rate).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray() };
        return (keywords, others, noise);
    }

    [Fact]
    public void WordExtentIsTheLoudPartOfTheClip()
    {
        var (start, end) = WordExtent.Measure(ToneClip("yes", ClassLabels.Yes, 1).Audio)!.Value;
        Assert.InRange(start, (int)(0.3 * Rate) - 160, (int)(0.3 * Rate) + 160);
        Assert.InRange(end, (int)(0.7 * Rate) - 160, (int)(0.7 * Rate) + 160);
        Assert.Null(WordExtent.Measure(new float[Rate]));
    }

    [Theory]
    [InlineData("/d/_unknown_/backward_0c540988_nohash_0.wav", "backward")]
    [InlineData("/d/left/0c540988_nohash_1.wav", "left")]
    [InlineData("/d/other_words/jarvis/0386da81-9db7-499c-b4f8-910beec53c23.wav", "jarvis")]
    public void TheWordOfAClipComesFromItsFolderOrItsName(string path, string word) =>
        Assert.Equal(word, StreamBuilder.WordOf(new ClipRef(path, ClassLabels.Unknown, "s", DataSplit.Test, "x")));

    [Fact]
    public void WordsAreAtTheReportedTimesAndTheGapsAreQuiet()
    {
        var (keywords, others, noise) = Clips();
        var stream = StreamBuilder.Build(keywords, others, noise, new StreamOptions { Minutes = 2, Seed = 3 });
        Assert.Equal(2 * 60 * Rate, stream.Speech.Length);
        Assert.True(stream.Words.Count > 30, $"only {stream.Words.Count} words in 2 minutes");
        for (var i = 0; i < stream.Words.Count; i++)
        {
            var w = stream.Words[i];
            var expected = w.Keyword is null ? 0.3 : 0.4;
            Assert.InRange((w.End - w.Start) / (double)Rate, expected - 0.02, expected + 0.02);
            var inside = WordExtent.Power(stream.Speech.AsSpan((int)w.Start, (int)(w.End - w.Start)));
            Assert.InRange(10 * Math.Log10(inside), -21, -19);   // every word at the speech level, -20 dBFS
            var gapFrom = (int)w.End + 1000;                  // beyond the 50 ms margin copied with the word
            var gapTo = i + 1 < stream.Words.Count ? (int)stream.Words[i + 1].Start - 1000 : stream.Speech.Length;
            Assert.True(gapTo - gapFrom > Rate, $"gap after word {i} is too short");
            Assert.Equal(0, WordExtent.Power(stream.Speech.AsSpan(gapFrom, gapTo - gapFrom)));
            if (i + 1 < stream.Words.Count)
            {
                Assert.InRange((stream.Words[i + 1].Start - w.End) / (double)Rate, 1.3 - 0.001, 2.3 + 0.001);
            }
        }

        Assert.Equal(0, WordExtent.Power(stream.Speech.AsSpan(0, (int)stream.Words[0].Start - 1000)));
        Assert.All(stream.Words.Where(w => w.Keyword is not null), w => Assert.Equal(w.Label, w.Keyword));
    }

    [Fact]
    public void AboutAThirdOfTheWordsAreKeywords()
    {
        var (keywords, others, noise) = Clips();
        var stream = StreamBuilder.Build(keywords, others, noise, new StreamOptions { Minutes = 10, Seed = 11 });
        var share = stream.Words.Count(w => w.Keyword is not null) / (double)stream.Words.Count;
        Assert.InRange(share, 0.27, 0.40);
        Assert.InRange(stream.Words.Count(w => w.Keyword == "yes") / (double)stream.Words.Count(w => w.Keyword == "no"), 0.7, 1.4);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(0)]
    [InlineData(20)]
    public void NoiseIsMixedAtTheRequestedSnr(double snrDb)
    {
        var (keywords, others, noise) = Clips();
        var stream = StreamBuilder.Build(keywords, others, noise, new StreamOptions { Minutes = 2, Seed = 4 });
        var mixed = SnrMixer.Mix(stream, snrDb);
        Assert.InRange(SnrMixer.Measure(stream.Speech, mixed, stream.Words), snrDb - 0.05, snrDb + 0.05);

        // Independently, from the mix alone: noise power in the gaps, speech power = power inside the words minus it.
        double gapSum = 0, wordSum = 0;
        long gapCount = 0, wordCount = 0;
        var near = new bool[mixed.Length];
        foreach (var w in stream.Words)
        {
            for (var i = Math.Max(0, w.Start - 2000); i < Math.Min(mixed.Length, w.End + 2000); i++)
            {
                near[i] = true;
            }

            for (var i = w.Start; i < w.End; i++)
            {
                wordSum += (double)mixed[i] * mixed[i];
                wordCount++;
            }
        }

        for (var i = 0; i < mixed.Length; i++)
        {
            if (!near[i])
            {
                gapSum += (double)mixed[i] * mixed[i];
                gapCount++;
            }
        }

        var noisePower = gapSum / gapCount;
        var speechPower = (wordSum / wordCount) - noisePower;
        Assert.InRange(10 * Math.Log10(speechPower / noisePower), snrDb - 0.5, snrDb + 0.5);
    }

    [Fact]
    public void TheSameSeedGivesTheSameStreamAndAnotherSeedAnother()
    {
        var (keywords, others, noise) = Clips();
        var a = StreamBuilder.Build(keywords, others, noise, new StreamOptions { Minutes = 0.5, Seed = 9 });
        var b = StreamBuilder.Build(keywords, others, noise, new StreamOptions { Minutes = 0.5, Seed = 9 });
        var c = StreamBuilder.Build(keywords, others, noise, new StreamOptions { Minutes = 0.5, Seed = 10 });
        Assert.Equal(a.Words, b.Words);
        Assert.Equal(a.Speech, b.Speech);
        Assert.Equal(a.Noise, b.Noise);
        Assert.NotEqual(a.Noise, c.Noise);
    }

    [Fact]
    public void NoNoiseFolderIsNamedWhenANoiseMixIsAsked()
    {
        var (keywords, others, _) = Clips();
        var stream = StreamBuilder.Build(keywords, others, [], new StreamOptions { Minutes = 0.5 });
        var ex = Assert.Throws<ArgumentException>(() => SnrMixer.Mix(stream, 10));
        Assert.Contains("--noise", ex.Message);
        Assert.Equal(stream.Speech, SnrMixer.Mix(stream, double.PositiveInfinity));
    }

    [Fact]
    public void SentencesRunTheirWordsTogetherAndKeepTheirGapsBetweenThem()
    {
        var (keywords, others, noise) = Clips();
        var options = new StreamOptions { Minutes = 3, SentenceWordsMin = 3, SentenceWordsMax = 5, WordGapMinS = 0, WordGapMaxS = 0.1, KeywordShare = 0 };
        var stream = StreamBuilder.Build(keywords, others, noise, options);
        Assert.All(stream.Words, w => Assert.Null(w.Keyword));
        var gaps = stream.Words.Zip(stream.Words.Skip(1), (a, b) => b.StartS - a.EndS).ToList();
        Assert.All(gaps, g => Assert.True(g is >= 0 and <= 0.1 + 1e-6 or >= 1.3 - 1e-6 and <= 2.3 + 1e-6, $"gap {g}"));
        var sentences = 1 + gaps.Count(g => g > 1);
        var lengths = new List<int>();
        var run = 1;
        foreach (var g in gaps)
        {
            if (g > 1)
            {
                lengths.Add(run);
                run = 1;
            }
            else
            {
                run++;
            }
        }

        Assert.All(lengths, n => Assert.InRange(n, 3, 5));
        Assert.Equal(sentences - 1, lengths.Count);
        Assert.Contains(lengths, n => n == 5);
    }

    [Fact]
    public void OneWordAtATimeDrawsNoSentenceLengthsOrWordGaps()
    {
        var (keywords, others, noise) = Clips();
        var single = StreamBuilder.Build(keywords, others, noise, new StreamOptions { Minutes = 2, Seed = 4 });
        var explicitOne = StreamBuilder.Build(keywords, others, noise, new StreamOptions { Minutes = 2, Seed = 4, SentenceWordsMin = 1, SentenceWordsMax = 1, WordGapMaxS = 0.5 });
        Assert.Equal(single.Words, explicitOne.Words);
        Assert.All(single.Words.Zip(single.Words.Skip(1), (a, b) => b.StartS - a.EndS), g => Assert.InRange(g, 1.3 - 1e-6, 2.3 + 1e-6));
    }
}
