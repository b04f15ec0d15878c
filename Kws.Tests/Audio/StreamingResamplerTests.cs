using Kws.Audio.Resampling;

namespace Kws.Tests.Audio;

public class StreamingResamplerTests
{
    private static float[] Speechlike(int length, int seed)
    {
        var random = new Random(seed);
        var x = new float[length];
        for (var n = 0; n < length; n++)
        {
            x[n] = (float)((0.3 * Math.Sin(n * 0.01)) + (0.2 * ((random.NextDouble() * 2) - 1)));
        }

        return x;
    }

    private static float[] Stream(StreamingResampler resampler, float[] x, Random random, int maxChunk)
    {
        var output = new List<float>();
        var buffer = new float[resampler.MaxOutputFrames(maxChunk)];
        for (var i = 0; i < x.Length;)
        {
            var chunk = Math.Min(random.Next(0, maxChunk + 1), x.Length - i);
            var n = resampler.Process(x.AsSpan(i, chunk), buffer);
            output.AddRange(buffer.AsSpan(0, n).ToArray());
            i += chunk;
        }

        var tail = new float[resampler.MaxFlushFrames];
        var t = resampler.Flush(tail);
        output.AddRange(tail.AsSpan(0, t).ToArray());
        return output.ToArray();
    }

    [Theory]
    [MemberData(nameof(ResamplerTests.Conversions), MemberType = typeof(ResamplerTests))]
    public void RandomChunksGiveExactlyTheWholeBufferOutput(int from, int to)
    {
        var x = Speechlike(from + 123, seed: from ^ to);
        var whole = Resampler.Resample(x, from, to);
        var resampler = new StreamingResampler(from, to);

        foreach (var maxChunk in new[] { 1, 7, 160, 441, 10_000 })
        {
            var streamed = Stream(resampler, x, new Random(maxChunk), maxChunk);
            Assert.Equal(whole, streamed);
        }
    }

    [Fact]
    public void ProcessDoesNotAllocateAfterConstruction()
    {
        var resampler = new StreamingResampler(44100, 16000);
        var input = Speechlike(441 * 200, seed: 1);
        var output = new float[resampler.MaxOutputFrames(441)];

        long Round()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 200; i++)
            {
                resampler.Process(input.AsSpan(441 * i, 441), output);
            }

            resampler.Flush(output);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // A round may include the JIT's own allocations (tiering); an allocation per call would show in every round.
        var rounds = Enumerable.Range(0, 5).Select(_ => Round()).ToArray();

        Assert.Equal(0, rounds.Min());
    }

    [Fact]
    public void ChunkOutputCountsAddUpAndLatencyIsTheLookahead()
    {
        var resampler = new StreamingResampler(48000, 16000);
        var output = new float[resampler.MaxOutputFrames(480)];
        var produced = 0;
        for (var i = 0; i < 100; i++)
        {
            var n = resampler.Process(new float[480], output);
            Assert.InRange(n, 0, 160);
            produced += n;
        }

        // Output k (at input instant 3k) is out once input 3k + K has arrived.
        var held = 16000 - produced;
        Assert.Equal(16000 - (int)Math.Ceiling((48000 - resampler.LookaheadFrames) / 3.0), held);
        Assert.Equal(held, resampler.Flush(output));
        Assert.Equal(resampler.LookaheadFrames / 48000.0, resampler.LatencySeconds);
        Assert.InRange(resampler.LatencySeconds, 0.0005, 0.010);
    }

    [Fact]
    public void FlushResetsForTheNextStream()
    {
        var x = Speechlike(5000, seed: 2);
        var resampler = new StreamingResampler(22050, 16000);

        var first = Stream(resampler, x, new Random(1), 300);
        var second = Stream(resampler, x, new Random(2), 1000);

        Assert.Equal(first, second);
    }

    [Fact]
    public void TooSmallAnOutputIsRefusedBeforeAnythingChanges()
    {
        var resampler = new StreamingResampler(16000, 48000);
        var x = Speechlike(1000, seed: 3);

        var e = Assert.Throws<ArgumentException>(() => resampler.Process(x, new float[10]));
        Assert.Contains("MaxOutputFrames", e.Message);

        var output = new float[resampler.MaxOutputFrames(1000) + resampler.MaxFlushFrames];
        var n = resampler.Process(x, output);
        n += resampler.Flush(output.AsSpan(n));
        Assert.Equal(Resampler.Resample(x, 16000, 48000), output.AsSpan(0, n).ToArray());
    }

    [Fact]
    public void EqualRatesPassSamplesThroughWithoutLatency()
    {
        var resampler = new StreamingResampler(16000, 16000);
        var x = Speechlike(1000, seed: 4);
        var output = new float[resampler.MaxOutputFrames(1000)];

        var n = resampler.Process(x, output);

        Assert.Equal(0, resampler.LookaheadFrames);
        Assert.Equal(x, output.AsSpan(0, n).ToArray());
        Assert.Equal(0, resampler.Flush(output));
    }
}
