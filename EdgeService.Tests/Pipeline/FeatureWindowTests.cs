using Kws.Detection.Pipeline;
using Kws.Audio.Features;

namespace EdgeService.Tests.Pipeline;

public class FeatureWindowTests
{
    private static float[] Noise(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(i => (float)((0.2 * Math.Sin(i * 0.05)) + (0.1 * (rng.NextDouble() - 0.5)))).ToArray();
    }

    [Fact]
    public void WindowEqualsTheLastFramesOfTheWholeClipNormalised()
    {
        var options = new LogMelOptions();
        var norm = new FeatureNormalization(-5f, 2f);
        var audio = Noise(40000, 1);
        var window = new FeatureWindow(options, 98, norm);
        var rng = new Random(7);
        for (var pos = 0; pos < audio.Length;)
        {
            var n = Math.Min(audio.Length - pos, rng.Next(1, 900));
            window.Push(audio.AsSpan(pos, n));
            pos += n;
        }

        var all = new LogMelSpectrogram(options).Compute(audio);
        var totalFrames = all.Length / 40;
        var expected = all.AsSpan((totalFrames - 98) * 40).ToArray();
        norm.Apply(expected);
        var actual = new float[98 * 40];
        window.CopyTo(actual);

        Assert.True(window.IsFull);
        Assert.Equal(totalFrames, window.FramesProduced);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void NotFullUntilFramesComputedAndResetEmpties()
    {
        var window = new FeatureWindow(new LogMelOptions(), 98, FeatureNormalization.Identity);
        window.Push(new float[15000]);
        Assert.False(window.IsFull);
        window.Push(new float[1000]);
        Assert.True(window.IsFull);
        window.Reset();
        Assert.Equal(0, window.FramesProduced);
        Assert.False(window.IsFull);
    }

    [Fact]
    public void PushAndCopyAllocateNothing()
    {
        var window = new FeatureWindow(new LogMelOptions(), 98, new FeatureNormalization(1f, 2f));
        var chunk = Noise(800, 2);
        var dest = new float[98 * 40];
        for (var i = 0; i < 50; i++)
        {
            window.Push(chunk);
            window.CopyTo(dest);
        }

        var allocated = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 500; i++)
            {
                window.Push(chunk);
                window.CopyTo(dest);
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
    }
}
