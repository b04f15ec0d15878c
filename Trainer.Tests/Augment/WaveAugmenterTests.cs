using Trainer.Augment;

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
