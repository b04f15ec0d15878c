using Kws.Detection.Pipeline;
using EdgeService.Audio;
using EdgeService.Tests.Fakes;
using Kws.Audio.Wav;
using TestSupport;

namespace EdgeService.Tests.Audio;

/// <summary>The file and stdin sources deliver every sample, in order, on the sample clock, and never overflow the ring.</summary>
public class PumpedSourceTests
{
    private static float[] Drain(IAudioSource source, AudioRingBuffer ring, int expected)
    {
        var got = new List<float>();
        var buffer = new float[777];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var read = ring.Read(buffer);
            Assert.Equal(0, read.Skipped);
            Assert.Equal(got.Count, read.FirstSampleIndex);
            got.AddRange(buffer.AsSpan(0, read.Count).ToArray());
            if (read.Count == 0 && source.State == AudioSourceState.Completed && ring.Available == 0)
            {
                break;
            }

            if (read.Count == 0)
            {
                Thread.Sleep(1);
            }
        }

        Assert.Equal(AudioSourceState.Completed, source.State);
        Assert.Equal(expected, got.Count);
        return [.. got];
    }

    [Fact]
    public void AFileAsFastAsPossibleGivesEverySampleThroughASmallRing()
    {
        var dir = TestPaths.NewTempDir("kws-src");
        var path = Path.Combine(dir, "ramp.wav");
        var samples = Enumerable.Range(0, 48000).Select(i => ((i % 2000) - 1000) / 1000f).ToArray();
        WavWriter.WriteFloat32(path, samples, 16000);
        using var source = new FileAudioSource(path, TimeProvider.System, realtime: false);
        var ring = new AudioRingBuffer(16000, 100);   // 1600 samples: the source must wait for room, not overflow
        source.Start(ring);
        Assert.Equal(samples, Drain(source, ring, samples.Length));
        Assert.Equal(0, ring.DroppedSamples);
    }

    [Fact]
    public void AFileInRealTimeWritesOnlyWhatTheClockAllows()
    {
        var dir = TestPaths.NewTempDir("kws-src");
        var path = Path.Combine(dir, "one-second.wav");
        WavWriter.WritePcm16(path, new float[16000], 16000);
        var clock = new FakeTimeProvider();
        using var source = new FileAudioSource(path, clock, realtime: true);
        var ring = new AudioRingBuffer(16000, 2000);
        source.Start(ring);

        // The pump waits on the fake clock for each 20 ms block: one block per 20 ms advanced, never more. Each step
        // waits (bounded, without sleeping) until the pump has written and armed its next wait. It uses one timer
        // for the whole run (made up front, re-armed per block), not one per block.
        bool Settled(long samples) => SpinWait.SpinUntil(() => ring.WrittenSamples == samples && clock.ArmedTimers == 1, TimeSpan.FromSeconds(10));
        Assert.True(Settled(0), $"before any time passed: {ring.WrittenSamples} samples written, {clock.ArmedTimers} timers armed");
        for (var block = 1; block <= 10; block++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(20));
            Assert.True(Settled(320 * block), $"after {20 * block} ms: {ring.WrittenSamples} samples written, {clock.ArmedTimers} timers armed");
            Assert.Equal(1, clock.ActiveTimers);
        }

        source.Stop();
        Assert.Equal(3200, ring.WrittenSamples);
        Assert.True(SpinWait.SpinUntil(() => clock.ActiveTimers == 0, TimeSpan.FromSeconds(10)), "the pump thread did not dispose its timer when stopped");
    }

    [Fact]
    public void StdinInOddChunksGivesExactSamples()
    {
        var values = Enumerable.Range(0, 5001).Select(i => (short)((i * 37) - 20000)).ToArray();
        var bytes = values.SelectMany(BitConverter.GetBytes).ToArray();
        using var source = new StdinAudioSource(TimeProvider.System, 16000, () => new TricklingStream(bytes, 3));
        var ring = new AudioRingBuffer(16000, 200);
        source.Start(ring);
        var got = Drain(source, ring, values.Length);
        Assert.Equal(values.Select(v => v / 32768f), got);
    }

    [Fact]
    public void StdinAt8kIsResampledTo16k()
    {
        var tone = Enumerable.Range(0, 8000).Select(i => (short)(10000 * Math.Sin(2 * Math.PI * 500 * i / 8000.0))).ToArray();
        var bytes = tone.SelectMany(BitConverter.GetBytes).ToArray();
        using var source = new StdinAudioSource(TimeProvider.System, 8000, () => new MemoryStream(bytes));
        var ring = new AudioRingBuffer(16000, 2000);
        source.Start(ring);
        var got = Drain(source, ring, 16000);
        var rms = Math.Sqrt(got.Skip(1000).Take(14000).Average(v => v * v));
        Assert.Equal(10000 / 32768.0 / Math.Sqrt(2), rms, 2);
    }

    /// <summary>A stream that returns at most <paramref name="chunk"/> bytes per read, so samples arrive split.</summary>
    private sealed class TricklingStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
