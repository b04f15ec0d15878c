using Kws.Audio.Resampling;

namespace Kws.Tests.Audio;

public class ResamplerTests
{
    public static TheoryData<int, int> Conversions => new()
    {
        { 8000, 16000 }, { 22050, 16000 }, { 32000, 16000 }, { 44100, 16000 }, { 48000, 16000 },
        { 16000, 8000 }, { 16000, 22050 }, { 16000, 32000 }, { 16000, 44100 }, { 16000, 48000 },
    };

    [Theory]
    [InlineData(44100, 16000, 160, 441)]
    [InlineData(48000, 16000, 1, 3)]
    [InlineData(16000, 22050, 441, 320)]
    [InlineData(8000, 16000, 2, 1)]
    [InlineData(32000, 16000, 1, 2)]
    public void RatioIsReducedByTheGcd(int from, int to, int up, int down) =>
        Assert.Equal(new RateRatio(up, down), RateRatio.Between(from, to));

    [Theory]
    [MemberData(nameof(Conversions))]
    public void OneKilohertzKeepsItsLevelWithinATenthOfADecibel(int from, int to)
    {
        var y = Resampler.Resample(Signals.Sine(2 * from, 1000, from), from, to);

        var level = Signals.Amplitude(y.AsSpan(to / 2, to), 1000, to) / 0.5;

        Assert.InRange(Signals.Db(level), -0.1, 0.1);
    }

    [Theory]
    [MemberData(nameof(Conversions))]
    public void OutputIsTheToneAtTheOutputInstantsWithNoDelayAndNoAliasesOrImages(int from, int to)
    {
        var y = Resampler.Resample(Signals.Sine(2 * from, 1000, from), from, to);
        var ideal = Signals.Sine(2 * to, 1000, to);

        var error = new float[to];
        for (var k = 0; k < to; k++)
        {
            error[k] = y[(to / 2) + k] - ideal[(to / 2) + k];
        }

        var errorDb = Signals.Db(Signals.Rms(error) / Signals.Rms(ideal.AsSpan(to / 2, to)));
        Assert.True(errorDb < -60, $"{from} -> {to}: output differs from the ideal tone by {errorDb:F1} dB");
    }

    [Theory]
    [InlineData(48000, 9000)]
    [InlineData(48000, 12000)]
    [InlineData(48000, 20000)]
    [InlineData(44100, 9000)]
    [InlineData(44100, 12000)]
    [InlineData(44100, 21000)]
    [InlineData(32000, 8500)]
    [InlineData(32000, 12000)]
    [InlineData(32000, 15000)]
    [InlineData(22050, 8500)]
    [InlineData(22050, 10000)]
    public void ToneAboveTheNewNyquistIsRejectedBySixtyDecibels(int from, int toneHz)
    {
        var x = Signals.Sine(2 * from, toneHz, from);
        var y = Resampler.Resample(x, from, 16000);

        var rejection = Signals.Db(Signals.Rms(y.AsSpan(8000, 16000)) / Signals.Rms(x));

        Assert.True(rejection < -60, $"{toneHz} Hz from {from} Hz to 16 kHz is only {-rejection:F1} dB down");
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(7000)]
    public void DownToEightKilohertzRejectsWhatWouldAlias(int toneHz)
    {
        var x = Signals.Sine(32000, toneHz, 16000);
        var y = Resampler.Resample(x, 16000, 8000);

        Assert.True(Signals.Db(Signals.Rms(y.AsSpan(4000, 8000)) / Signals.Rms(x)) < -60);
    }

    [Theory]
    [MemberData(nameof(Conversions))]
    public void AnImpulsePeaksAtTheSameInstantInTheOutput(int from, int to)
    {
        var x = new float[2 * from];
        x[from] = 1;

        var y = Resampler.Resample(x, from, to);
        var peak = Array.IndexOf(y, y.Max());

        Assert.Equal(to, peak);
        Assert.Equal((long)Math.Ceiling(2.0 * to), y.Length);
    }

    [Theory]
    [InlineData(44100, 16000, 1, 1)]
    [InlineData(44100, 16000, 441, 160)]
    [InlineData(44100, 16000, 442, 161)]
    [InlineData(16000, 44100, 1, 3)]
    [InlineData(16000, 44100, 160, 441)]
    [InlineData(48000, 16000, 4, 2)]
    [InlineData(48000, 16000, 0, 0)]
    public void OutputLengthIsTheCeilingOfInputTimesRatio(int from, int to, int n, long expected)
    {
        Assert.Equal(expected, StreamingResampler.OutputLength(n, from, to));
        Assert.Equal(expected, Resampler.Resample(new float[n], from, to).Length);
    }

    [Fact]
    public void EqualRatesCopy()
    {
        float[] x = [1, 2, 3];
        var y = Resampler.Resample(x, 16000, 16000);
        Assert.Equal(x, y);
        Assert.NotSame(x, y);
    }

    [Fact]
    public void BadOptionsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new StreamingResampler(48000, 16000, new ResamplerOptions { PassbandEdge = 1.2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingResampler(0, 16000));
    }
}
