
using Kws.Detection.Pipeline;

namespace EdgeService.Tests.Pipeline;

/// <summary>The recent-audio history keeps the newest samples in order, with their sample-clock place, and forgets across gaps.</summary>
public class RecentAudioTests
{
    private static float[] Ramp(int from, int count) => [.. Enumerable.Range(from, count).Select(i => (float)i)];

    private static float[] Held(RecentAudio recent)
    {
        var copy = new float[recent.Capacity];
        return copy[..recent.CopyTo(copy)];
    }

    [Fact]
    public void Blocks_in_sequence_keep_the_newest_samples_in_order_across_the_wrap()
    {
        var recent = new RecentAudio(1000);
        for (var start = 0; start < 3700; start += 370)
        {
            recent.Append(Ramp(start, 370), start);
        }

        Assert.Equal(1000, recent.Count);
        Assert.Equal(2700, recent.FirstSampleIndex);
        Assert.Equal(Ramp(2700, 1000), Held(recent));
    }

    [Fact]
    public void A_block_larger_than_the_capacity_keeps_its_end()
    {
        var recent = new RecentAudio(1000);
        recent.Append(Ramp(0, 300), 0);
        recent.Append(Ramp(300, 2500), 300);
        Assert.Equal(1800, recent.FirstSampleIndex);
        Assert.Equal(Ramp(1800, 1000), Held(recent));
    }

    [Fact]
    public void A_gap_in_the_sample_indices_or_a_clear_starts_afresh()
    {
        var recent = new RecentAudio(1000);
        recent.Append(Ramp(0, 500), 0);
        recent.Append(Ramp(900, 200), 900); // 400 samples were dropped upstream
        Assert.Equal(900, recent.FirstSampleIndex);
        Assert.Equal(Ramp(900, 200), Held(recent));

        recent.Clear();
        Assert.Equal(0, recent.Count);
        recent.Append(Ramp(1100, 100), 1100);
        Assert.Equal(Ramp(1100, 100), Held(recent));
    }

    [Fact]
    public void Appending_allocates_nothing()
    {
        var recent = new RecentAudio(16000);
        var block = new float[1600];
        for (var i = 0; i < 20; i++)
        {
            recent.Append(block, i * 1600L);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 20; i < 1020; i++)
        {
            recent.Append(block, i * 1600L);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
