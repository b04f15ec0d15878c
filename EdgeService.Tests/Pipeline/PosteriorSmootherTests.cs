using Kws.Detection.Pipeline;
using EdgeService.Detection;

namespace EdgeService.Tests.Pipeline;

public class PosteriorSmootherTests
{
    private const int Rate = 16000;
    private const int Hop = 160; // 10 ms
    private static readonly string[] Labels = ["_silence_", "_unknown_", "yes", "no"];

    private static PosteriorSmoother Make(int windowMs = 100, float threshold = 0.5f, int minCount = 3, int refractoryMs = 1000, Action<PosteriorSmootherOptions>? edit = null)
    {
        var o = new PosteriorSmootherOptions { WindowMs = windowMs, DefaultThreshold = threshold, MinCount = minCount, RefractoryMs = refractoryMs };
        edit?.Invoke(o);
        return new PosteriorSmoother(Labels, o, Rate, Hop);
    }

    /// <summary>Scores per hop: silence unless a keyword's span covers the hop (keyword gets <c>level</c>, silence the rest).</summary>
    private static float[][] Scores(int hops, params (string Keyword, int From, int Length, float Level)[] spans)
    {
        var all = new float[hops][];
        for (int h = 0; h < hops; h++)
        {
            var s = new float[Labels.Length];
            s[0] = 1f;
            foreach (var (kw, from, length, level) in spans)
            {
                if (h >= from && h < from + length)
                {
                    int k = Array.IndexOf(Labels, kw);
                    s[k] = level;
                    s[0] = 1f - level;
                }
            }

            all[h] = s;
        }

        return all;
    }

    private static List<(int Hop, KeywordDetection Detection)> Run(PosteriorSmoother smoother, float[][] scores, long startSample = 0)
    {
        var found = new List<(int, KeywordDetection)>();
        for (int h = 0; h < scores.Length; h++)
        {
            if (smoother.Push(scores[h], startSample + ((long)h * Hop), out var d))
            {
                found.Add((h, d));
            }
        }

        return found;
    }

    [Fact]
    public void WindowMs_IsConvertedToHops()
    {
        Assert.Equal(10, Make(windowMs: 100).WindowHops);
        Assert.Equal(1, Make(windowMs: 1).WindowHops);
        Assert.Equal(75, Make(windowMs: 750).WindowHops);
    }

    [Theory]
    [InlineData(100, 0.5f, 3)]
    [InlineData(300, 0.7f, 5)]
    [InlineData(50, 0.9f, 1)]
    public void SingleCleanPeak_GivesOneDetectionAtTheHopWhereTheRunReachesMinCount(int windowMs, float threshold, int minCount)
    {
        var smoother = Make(windowMs, threshold, minCount);
        int w = smoother.WindowHops;
        const int peakStart = 200;
        var found = Run(smoother, Scores(600, ("yes", peakStart, w * 2, 1f)));

        var (hop, d) = Assert.Single(found);
        // After j hops of score 1 the average is j / w: the run starts when j / w >= threshold.
        int firstAbove = peakStart + (int)Math.Ceiling((threshold * w) - 1e-6) - 1;
        int expectedHop = firstAbove + minCount - 1;
        Assert.Equal(expectedHop, hop);
        Assert.Equal("yes", d.Keyword);
        Assert.Equal((long)expectedHop * Hop, d.SampleIndex);
        Assert.Equal((double)expectedHop * Hop / Rate, d.TimeS, 9);
        Assert.Equal((float)(expectedHop - peakStart + 1) / w, d.Score, 5);
    }

    [Fact]
    public void SpikeShorterThanMinCount_GivesNothing()
    {
        // Window of 1 hop: the smoothed score is the raw score, so a 2-hop spike is 2 hops above threshold.
        var smoother = Make(windowMs: 10, threshold: 0.5f, minCount: 3);
        Assert.Empty(Run(smoother, Scores(300, ("yes", 100, 2, 1f), ("no", 200, 2, 1f))));

        // The same spike one hop longer does fire: the test can tell the difference.
        var longer = Make(windowMs: 10, threshold: 0.5f, minCount: 3);
        Assert.Single(Run(longer, Scores(300, ("yes", 100, 3, 1f))));
    }

    [Fact]
    public void TwoKeywordsCloseTogether_TheRefractoryTimeSuppressesTheSecond()
    {
        var smoother = Make(windowMs: 100, minCount: 3, refractoryMs: 1000); // 100 hops refractory
        var found = Run(smoother, Scores(800, ("yes", 100, 30, 1f), ("no", 160, 30, 1f), ("no", 400, 30, 1f)));

        Assert.Equal(2, found.Count);
        Assert.Equal("yes", found[0].Detection.Keyword);
        Assert.Equal("no", found[1].Detection.Keyword);
        Assert.True(found[1].Hop >= 400, $"the second 'no' fired at hop {found[1].Hop}, inside or before the second utterance");

        // With a refractory time shorter than the gap the first 'no' fires too.
        var free = Run(Make(windowMs: 100, minCount: 3, refractoryMs: 300), Scores(800, ("yes", 100, 30, 1f), ("no", 160, 30, 1f), ("no", 400, 30, 1f)));
        Assert.Equal(["yes", "no", "no"], free.Select(f => f.Detection.Keyword));
    }

    [Fact]
    public void RefractoryTime_IsCountedOnTheSampleClock()
    {
        // Hops that come with a gap (the gate was closed, or the ring overflowed) count by sample index, not by calls.
        var smoother = Make(windowMs: 10, threshold: 0.5f, minCount: 1, refractoryMs: 500);
        var yes = new float[] { 0, 0, 1, 0 };
        Assert.True(smoother.Push(yes, 16_000, out _));
        Assert.False(smoother.Push(yes, 16_000 + 7_999, out _)); // 499.9 ms later: still refractory
        Assert.True(smoother.Push(yes, 16_000 + 8_000, out var d)); // 500 ms later
        Assert.Equal(24_000, d.SampleIndex);
        Assert.Equal(1.5, d.TimeS, 9);
    }

    [Fact]
    public void PerKeywordThresholds_AreRespected()
    {
        var smoother = Make(windowMs: 10, threshold: 0.5f, minCount: 2, refractoryMs: 100, edit: o => o.Thresholds["no"] = 0.9f);
        Assert.Equal(0.5f, smoother.ThresholdOf("yes"));
        Assert.Equal(0.9f, smoother.ThresholdOf("no"));

        var found = Run(smoother, Scores(400, ("yes", 50, 5, 0.7f), ("no", 150, 5, 0.7f), ("no", 250, 5, 0.95f)));
        Assert.Equal([("yes", 51), ("no", 251)], found.Select(f => (f.Detection.Keyword, f.Hop)));
    }

    [Fact]
    public void KeywordMustBeTheHighest_AmongKeywords()
    {
        // 'no' is above its threshold but 'yes' is higher: only 'yes' may run (and, with no refractory time, re-fire
        // every MinCount hops); swap the two and only 'no' fires.
        Assert.Equal(Enumerable.Repeat("yes", 3), Fire([0.1f, 0f, 0.5f, 0.4f]));
        Assert.Equal(Enumerable.Repeat("no", 3), Fire([0.1f, 0f, 0.4f, 0.5f]));

        static List<string> Fire(float[] s)
        {
            var smoother = Make(windowMs: 10, threshold: 0.3f, minCount: 3, refractoryMs: 0);
            var found = new List<string>();
            for (int h = 0; h < 9; h++)
            {
                if (smoother.Push(s, (long)h * Hop, out var d))
                {
                    found.Add(d.Keyword);
                }
            }

            return found;
        }
    }

    [Fact]
    public void WarmUp_NoDetectionUntilTheWindowIsFull_AfterStartAndAfterReset()
    {
        var smoother = Make(windowMs: 100, threshold: 0.5f, minCount: 1, refractoryMs: 0);
        int w = smoother.WindowHops;
        var yes = new float[] { 0, 0, 1, 0 };

        for (int h = 0; h < w - 1; h++)
        {
            Assert.False(smoother.Push(yes, (long)h * Hop, out _), $"fired during warm-up at hop {h}");
            Assert.False(smoother.IsWarm);
        }

        Assert.True(smoother.Push(yes, (long)(w - 1) * Hop, out _));
        Assert.True(smoother.IsWarm);

        smoother.Reset();
        Assert.False(smoother.IsWarm);
        for (int h = 0; h < w - 1; h++)
        {
            Assert.False(smoother.Push(yes, (long)(100 + h) * Hop, out _), $"fired during warm-up after reset at hop {h}");
        }

        Assert.True(smoother.Push(yes, (long)(100 + w - 1) * Hop, out var d));
        Assert.Equal(1f, d.Score); // the window holds only hops pushed after the reset
    }

    [Fact]
    public void Detections_AreStampedOnTheSampleClock()
    {
        const long start = 48_000_000; // 50 minutes into the stream
        var a = Run(Make(), Scores(400, ("no", 100, 40, 1f)));
        var b = Run(Make(), Scores(400, ("no", 100, 40, 1f)), start);

        Assert.Equal(a[0].Hop, b[0].Hop);
        Assert.Equal(a[0].Detection.SampleIndex + start, b[0].Detection.SampleIndex);
        Assert.Equal(b[0].Detection.SampleIndex / (double)Rate, b[0].Detection.TimeS, 9);
    }

    [Fact]
    public void MovingAverage_StaysExactOverManyWraps()
    {
        var smoother = Make(windowMs: 70); // 7 hops
        var rng = new Random(7);
        var window = new Queue<float[]>();
        for (int h = 0; h < 5000; h++)
        {
            var s = new float[] { (float)rng.NextDouble(), (float)rng.NextDouble(), (float)rng.NextDouble(), (float)rng.NextDouble() };
            smoother.Push(s, (long)h * Hop, out _);
            window.Enqueue(s);
            if (window.Count > 7)
            {
                window.Dequeue();
            }
        }

        for (int c = 0; c < Labels.Length; c++)
        {
            Assert.Equal(window.Average(s => s[c]), smoother.Smoothed[c], 5);
        }
    }

    [Fact]
    public void Push_DoesNotAllocate()
    {
        var smoother = Make(windowMs: 100, minCount: 2, refractoryMs: 1000);
        var scores = Scores(3000, ("yes", 500, 40, 1f), ("no", 1500, 40, 1f));
        smoother.Push(scores[0], 0, out _);
        int detections = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int h = 1; h < scores.Length; h++)
        {
            if (smoother.Push(scores[h], (long)h * Hop, out _))
            {
                detections++;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2, detections);
    }

    [Fact]
    public void BadInput_IsRejectedClearly()
    {
        var e = Assert.Throws<ArgumentException>(() => Make(edit: o => o.Thresholds["maybe"] = 0.5f));
        Assert.Contains("'maybe'", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => new PosteriorSmoother(["_silence_", "_unknown_"], new PosteriorSmootherOptions(), Rate, Hop));
        Assert.Contains("no keyword", e.Message, StringComparison.Ordinal);

        var smoother = Make();
        e = Assert.Throws<ArgumentException>(() => smoother.Push(new float[3], 0, out _));
        Assert.Contains("expected one per label (4)", e.Message, StringComparison.Ordinal);

        var bad = new PosteriorSmootherOptions { WindowMs = 0, DefaultThreshold = 1.5f, MinCount = 0, RefractoryMs = -1 };
        bad.Thresholds["yes"] = -0.1f;
        var problems = bad.Validate();
        Assert.Equal(5, problems.Count);
        Assert.Empty(new PosteriorSmootherOptions().Validate());
    }
}
