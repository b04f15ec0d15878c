using Kws.Audio.Clips;
using Trainer.Data;

namespace Trainer.StreamEval;

/// <summary>
/// Lays out a long test stream: after a lead-in, one word at a time (a keyword with probability
/// <see cref="StreamOptions.KeywordShare"/>, else another word), each followed by a random gap, until the stream is
/// full; or, with <see cref="StreamOptions.Sentences"/>, sentences of several such words run together (running
/// speech made of held-out speakers' words: every word of a sentence may be another speaker's). Only each clip's word extent (plus 50 ms either side, faded over 10 ms) is copied in, scaled to the speech
/// level; the reported start and end are those of the word, not the clip.
/// </summary>
internal static class StreamBuilder
{
    /// <summary>The stream's sample rate.</summary>
    public const int SampleRateHz = 16000;

    private const int MarginSamples = 800;
    private const int FadeSamples = 160;

    /// <summary>Builds the stream from keyword clips (class yes or no), other words and noise recordings.</summary>
    public static CleanStream Build(IReadOnlyList<Clip> keywords, IReadOnlyList<Clip> others, IReadOnlyList<float[]> noise, StreamOptions options)
    {
        var rng = new Random(options.Seed);
        var byKeyword = Measured(keywords, options).GroupBy(c => c.Keyword!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var otherWords = Measured(others, options).ToList();
        if (byKeyword.Count == 0)
        {
            throw new DataException("no keyword clip with audible speech to place in the stream (check the split has yes/no clips)");
        }

        if (otherWords.Count == 0)
        {
            throw new DataException("no other-word clip with audible speech to place in the stream (check the split has unknown clips)");
        }

        var length = options.Samples;
        var speech = new float[length];
        var words = new List<PlacedWord>();
        var level = Math.Pow(10, options.SpeechLevelDbfs / 20);
        var pos = (long)(options.LeadInS * SampleRateHz);
        var full = false;
        while (!full)
        {
            // One word at a time draws nothing here, so its streams stay what they were before sentences existed.
            var count = options.Sentences ? rng.Next(options.SentenceWordsMin, options.SentenceWordsMax + 1) : 1;
            for (var w = 0; w < count; w++)
            {
                var pool = rng.NextDouble() < options.KeywordShare ? byKeyword[rng.Next(byKeyword.Count)] : otherWords;
                var item = pool[rng.Next(pool.Count)];
                var (s, e) = item.Extent;
                var wordEnd = pos + (e - s);
                if (wordEnd + (long)(1.5 * SampleRateHz) > length)
                {
                    full = true;
                    break;
                }

                Place(speech, item.Clip.Audio, s, e, pos, level);
                words.Add(new PlacedWord(WordOf(item.Clip.Ref), item.Keyword, item.Clip.Ref.Path, pos, wordEnd));
                var gap = w < count - 1
                    ? options.WordGapMinS + (rng.NextDouble() * (options.WordGapMaxS - options.WordGapMinS))
                    : options.GapMinS + (rng.NextDouble() * (options.GapMaxS - options.GapMinS));
                pos = wordEnd + (long)(gap * SampleRateHz);
            }
        }

        var noiseTrack = NoiseTrack.Build(noise, length, new Random(unchecked((options.Seed * 7919) + 104729)));
        return new CleanStream(speech, noiseTrack, words);
    }

    private static void Place(float[] speech, float[] clip, int s, int e, long at, double level)
    {
        var a = Math.Max(0, s - MarginSamples);
        var b = Math.Min(clip.Length, e + MarginSamples);
        var power = WordExtent.Power(clip.AsSpan(s, e - s));
        var peak = 0f;
        for (var i = a; i < b; i++)
        {
            peak = Math.Max(peak, Math.Abs(clip[i]));
        }

        var gain = (float)Math.Min(level / Math.Sqrt(Math.Max(power, 1e-12)), 0.95 / Math.Max(peak, 1e-9));
        var first = at - (s - a);
        for (var i = a; i < b; i++)
        {
            var index = first + (i - a);
            if (index < 0 || index >= speech.LongLength)
            {
                continue;
            }

            var fade = Math.Min(1f, Math.Min(i - a, b - 1 - i) / (float)FadeSamples);
            speech[index] += clip[i] * gain * fade;
        }
    }

    /// <summary>The word a clip says: its folder's name, or for a file in a mixed folder like <c>_unknown_/backward_0c540988_nohash_0.wav</c> the word in its name.</summary>
    public static string WordOf(ClipRef clip)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(clip.Path)) ?? clip.Source;
        var name = Path.GetFileNameWithoutExtension(clip.Path);
        var cut = name.IndexOf("_nohash_", StringComparison.Ordinal);
        return folder.StartsWith('_') && cut > 9 && name[cut - 9] == '_' ? name[..(cut - 9)] : folder;
    }

    private static IEnumerable<MeasuredClip> Measured(IEnumerable<Clip> clips, StreamOptions options)
    {
        foreach (var clip in clips)
        {
            if (WordExtent.Measure(clip.Audio, options.ExtentThresholdDb) is { } extent)
            {
                var keyword = clip.Ref.ClassIndex is ClassLabels.Yes or ClassLabels.No ? ClassLabels.All[clip.Ref.ClassIndex] : null;
                yield return new MeasuredClip(clip, keyword, extent);
            }
        }
    }

    private sealed record MeasuredClip(Clip Clip, string? Keyword, (int Start, int End) Extent);
}
