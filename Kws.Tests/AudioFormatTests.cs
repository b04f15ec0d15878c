using Kws.Audio;

namespace Kws.Tests;

public class AudioFormatTests
{
    [Fact]
    public void BytesPerFrameCountsEveryChannel()
    {
        Assert.Equal(8, new AudioFormat(48000, 2, SampleType.Int32).BytesPerFrame);
        Assert.Equal(2, new AudioFormat(16000, 1, SampleType.Int16).BytesPerFrame);
    }
}
