using TestSupport;
using Kws.Audio;
using Kws.Audio.Conversion;

namespace Kws.Tests.Audio;

public class SampleConverterTests
{
    [Fact]
    public void IntegersScaleByPowersOfTwo()
    {
        var floats = new float[4];

        SampleConverter.ToFloat([0x00, 0x80, 0xFF, 0x7F, 0x00, 0x40, 0xFF, 0xFF], SampleType.Int16, floats);
        Assert.Equal(new[] { -1f, 32767 / 32768f, 0.5f, -1 / 32768f }, floats);

        SampleConverter.ToFloat([0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0xFF], SampleType.Int24, floats);
        Assert.Equal(new[] { -1f, 8388607 / 8388608f, 1 / 8388608f, -1 / 8388608f }, floats);

        SampleConverter.ToFloat([0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x40, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0], SampleType.Int32, floats);
        Assert.Equal(new[] { -1f, 0.5f, 256 / 2147483648f, -0.5f }, floats);
    }

    [Fact]
    public void EncodingClipsAndRounds()
    {
        var bytes = new byte[12];
        SampleEncoder.FromFloat([2f, -2f, 0.5f, float.NaN], SampleType.Int24, bytes);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0x7F, 0x00, 0x00, 0x80, 0x00, 0x00, 0x40, 0, 0, 0 }, bytes);

        var ints = new byte[12];
        SampleEncoder.FromFloat([1f, -1f, 0.25f], SampleType.Int32, ints);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x20 }, ints);
    }

    [Fact]
    public void MixToMonoAveragesEachFrame()
    {
        var mono = new float[2];
        SampleConverter.MixToMono([0.3f, 0.6f, 0.9f, -1f, 0f, 1f], 3, mono);
        Assert.Equal((0.3f + 0.6f + 0.9f) / 3, mono[0]);
        Assert.Equal(0f, mono[1]);
        Assert.Throws<ArgumentException>(() => SampleConverter.MixToMono([1f, 2f, 3f], 2, mono));
    }

    [Fact]
    public void PartialSamplesAreRefused() =>
        Assert.Throws<ArgumentException>(() => SampleConverter.ToFloat(new byte[5], SampleType.Int16, new float[3]));
}
