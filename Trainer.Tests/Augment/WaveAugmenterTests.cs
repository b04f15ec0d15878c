using Kws.Audio.Clips;
using Trainer.Augment;
using Trainer.StreamEval;

namespace Trainer.Tests.Augment;

public sealed class WaveAugmenterTests
{
    private const int Rate = 16000;

    [Theory]
    [InlineData(1.1)]
    [InlineData(0.9)]
    [InlineData(1.05)]
    public void ChangingSpeedScalesAToneFrequency(double speed)
    {
        var tone = Tone(1000, Rate);
        var output = new float[Rate];
        WaveAugmenter.ChangeSpeed(tone, output, speed);

        // Measured on the middle half, which comes from inside the clip at every speed used here.
        var measured = FrequencyByZeroCrossings(output.AsSpan(Rate / 4, Rate / 2));
        Assert.InRange(measured, (1000 * speed) - 3, (1000 * speed) + 3);
    }

    [Fact]
    public void SpeedOneIsTheIdentity()
    {
        var clip = Enumerable.Range(0, Rate).Select(i => MathF.Sin(i * 0.37f) * 0.3f).ToArray();
        var output = new float[Rate];
        WaveAugmenter.ChangeSpeed(clip, output, 1.0);
        Assert.Equal(clip, output);
    }

    [Fact]
    public void TheCentreStaysAndTheEdgesFillWithSilenceWhenFaster()
    {
        var clip = Enumerable.Repeat(0.5f, Rate).ToArray();
        var output = new float[Rate];
        WaveAugmenter.ChangeSpeed(clip, output, 1.2);

        Assert.Equal(0.5f, output[Rate / 2], 5);
        var silentAtEachEnd = (int)(Rate * (1 - (1 / 1.2)) / 2);
        Assert.All(output[..(silentAtEachEnd - 2)], v => Assert.Equal(0f, v));
        Assert.All(output[^(silentAtEachEnd - 2)..], v => Assert.Equal(0f, v));
        Assert.All(output[(silentAtEachEnd + 2)..^(silentAtEachEnd + 2)], v => Assert.Equal(0.5f, v, 5));
    }

    [Fact]
    public void AugmentDrawsSpeedsWithinTheConfiguredRange()
    {
        var options = AugmentOptions.None with { SpeedPercent = 10 };
        var augmenter = new WaveAugmenter(options, []);
        var tone = Tone(1000, Rate);
        var output = new float[Rate];
        var frequencies = new List<double>();
        for (var seed = 0; seed < 40; seed++)
        {
            augmenter.Augment(tone, output, new Random(seed));
            frequencies.Add(FrequencyByZeroCrossings(output.AsSpan(Rate / 4, Rate / 2)));
        }

        Assert.All(frequencies, f => Assert.InRange(f, 897, 1103));
        Assert.True(frequencies.Max() - frequencies.Min() > 100, $"speeds hardly vary: {frequencies.Min():F0}..{frequencies.Max():F0} Hz");
    }

    [Fact]
    public void NoAugmentationLeavesTheClipAlone()
    {
        var augmenter = new WaveAugmenter(AugmentOptions.None, []);
        var tone = Tone(440, Rate);
        var output = new float[Rate];
        augmenter.Augment(tone, output, new Random(1));
        Assert.Equal(tone, output);
    }

    private static float[] Tone(double hz, int samples) =>
        Enumerable.Range(0, samples).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / Rate))).ToArray();

    [Fact]
    public void APartialWordKeepsOnlyTheBeginningOrTheEndOfTheWordAtAnEdgeOfTheWindow()
    {
        // A 400 ms "word" in the middle of the clip (300..700 ms).
        var clip = new float[Rate];
        Array.Fill(clip, 0.5f, (int)(0.3 * Rate), (int)(0.4 * Rate));
        var augmenter = new WaveAugmenter(AugmentOptions.None with { PartialWordPercent = 100 }, []);
        var output = new float[Rate];
        var cutAtStart = 0;
        var cutAtEnd = 0;
        for (var seed = 0; seed < 60; seed++)
        {
            augmenter.Augment(clip, output, new Random(seed), partialWord: true);
            var kept = output.Count(v => v != 0) / (double)Rate;

            // 20..70 % of the 400 ms word stays, cut at the window's edge.
            Assert.InRange(kept, (0.2 * 0.4) - 0.001, (0.7 * 0.4) + 0.001);
            Assert.True(output[0] != 0 || output[^1] != 0, $"seed {seed}: the word does not reach an edge");
            cutAtStart += output[0] != 0 ? 1 : 0;
            cutAtEnd += output[^1] != 0 ? 1 : 0;
        }

        Assert.InRange(cutAtStart, 15, 45);
        Assert.InRange(cutAtEnd, 15, 45);
    }

    [Fact]
    public void TheWordExtentThatPartialWordsCutIsWhereTheWordIs()
    {
        var clip = new float[Rate];
        Array.Fill(clip, 0.001f);   // a floor 54 dB down: not part of the word
        Array.Fill(clip, 0.5f, 4800, 6400);
        Array.Fill(clip, 0.1f, 11200, 800);   // 14 dB down: still the word
        Assert.Equal((4800, 12000), WordExtent.Measure(clip));
        Assert.Null(WordExtent.Measure(new float[Rate]));   // a silent clip: PartialShift then takes the whole clip
    }

    [Fact]
    public void AnOrdinaryShiftKeepsTheWholeWord()
    {
        var clip = new float[Rate];
        Array.Fill(clip, 0.5f, (int)(0.3 * Rate), (int)(0.4 * Rate));
        var augmenter = new WaveAugmenter(new AugmentOptions { SpeedPercent = 0, NoiseProbability = 0, GainDb = 0, PartialWordPercent = 100 }, []);
        var output = new float[Rate];
        for (var seed = 0; seed < 60; seed++)
        {
            augmenter.Augment(clip, output, new Random(seed));
            Assert.Equal((int)(0.4 * Rate), output.Count(v => v != 0));
        }
    }

    [Fact]
    public void PartialWordsAreDrawnForUnknownExamplesOnlyAtTheConfiguredShare()
    {
        var augmenter = new WaveAugmenter(AugmentOptions.None with { PartialWordPercent = 30 }, []);
        var rng = new Random(7);
        var drawn = Enumerable.Range(0, 4000).Count(_ => augmenter.DrawPartialWord(unknown: true, rng));
        Assert.InRange(drawn, 1100, 1300);
        Assert.DoesNotContain(true, Enumerable.Range(0, 1000).Select(_ => augmenter.DrawPartialWord(unknown: false, rng)));
    }

    [Fact]
    public void PartialWordsOffLeaveTheRandomStreamAsItWas()
    {
        // So that models trained before the option existed are reproduced exactly with it off.
        var augmenter = new WaveAugmenter(AugmentOptions.None, []);
        var drawing = new Random(3);
        var untouched = new Random(3);
        Assert.False(augmenter.DrawPartialWord(unknown: true, drawing));
        Assert.Equal(untouched.Next(), drawing.Next());
    }

    private static double FrequencyByZeroCrossings(ReadOnlySpan<float> audio)
    {
        int first = -1, last = -1, crossings = 0;
        for (var i = 1; i < audio.Length; i++)
        {
            if (audio[i - 1] < 0 && audio[i] >= 0)
            {
                if (first < 0)
                {
                    first = i;
                }
                else
                {
                    crossings++;
                }

                last = i;
            }
        }

        return crossings * (double)Rate / (last - first);
    }
}
