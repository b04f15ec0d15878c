using Kws.Audio.Clips;

namespace Kws.Tests.Clips;

public class ClipFitterTests
{
    [Fact]
    public void ShortClipIsCentredInZeros()
    {
        var fitted = ClipFitter.FitToLength([1f, 2f], 6);
        Assert.Equal([0f, 0f, 1f, 2f, 0f, 0f], fitted);
    }

    [Fact]
    public void LongClipIsCutToItsLoudestStretch()
    {
        var audio = new float[48000];
        for (var i = 30000; i < 34000; i++)
        {
            audio[i] = 0.5f;
        }

        var start = ClipFitter.LoudestStart(audio, 16000);
        Assert.InRange(start, 34000 - 16000, 30000);
        var fitted = ClipFitter.FitToLength(audio, 16000);
        Assert.Equal(4000, fitted.Count(v => v == 0.5f));
    }

    [Fact]
    public void ExactLengthIsReturnedAsIs()
    {
        var audio = new float[10];
        Assert.Same(audio, ClipFitter.FitToLength(audio, 10));
    }
}
