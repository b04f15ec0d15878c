using Trainer.Evaluation;

namespace Trainer.Tests.Evaluation;

public class WilsonIntervalTests
{
    /// <summary>The score interval (method 3) of Newcombe, Statistics in Medicine 17 (1998) 857-872, Table I, to 4 places.</summary>
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void MatchesThePublishedScoreIntervals(int successes, int trials, double low, double high)
    {
        var interval = WilsonInterval.Of(successes, trials);
        Assert.Equal(low, interval.Low, 4);
        Assert.Equal(high, interval.High, 4);
    }

    [Fact]
    public void IsMirroredForFailuresStaysInTheUnitRangeAndNarrowsWithMoreClips()
    {
        var few = WilsonInterval.Of(23, 34);
        var mirrored = WilsonInterval.Of(11, 34);
        Assert.Equal(1 - few.High, mirrored.Low, 12);
        Assert.Equal(1 - few.Low, mirrored.High, 12);
        Assert.Equal(1.0, WilsonInterval.Of(34, 34).High);
        Assert.True(WilsonInterval.Of(34, 34).Low < 1);
        var many = WilsonInterval.Of(230, 340);
        Assert.True(many.High - many.Low < (few.High - few.Low) / 2);
        Assert.Equal("50.8–80.9 %", few.ToString());
    }

    [Fact]
    public void NoClipsGiveNoIntervalAndImpossibleCountsAreRefused()
    {
        Assert.True(double.IsNaN(WilsonInterval.Of(0, 0).Low));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(-1, 4));
    }
}
