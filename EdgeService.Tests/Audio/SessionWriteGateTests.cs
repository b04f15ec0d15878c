using Kws.Detection.Pipeline;
using EdgeService.Audio;

namespace EdgeService.Tests.Audio;

public sealed class SessionWriteGateTests
{
    [Fact]
    public void Forwards_writes_until_closed_then_drops_writes()
    {
        var ring = new AudioRingBuffer(16000, 100);
        var gate = new SessionWriteGate(ring);
        Assert.Equal(16000, gate.SampleRateHz);
        Assert.Equal(ring.Capacity, gate.Room);

        gate.Write([0.1f, 0.2f, 0.3f]);
        Assert.Equal(3, ring.WrittenSamples);
        Assert.Equal(ring.Capacity - 3, gate.Room);
        var buffer = new float[8];
        var read = ring.Read(buffer);
        Assert.Equal(3, read.Count);
        Assert.Equal([0.1f, 0.2f, 0.3f], buffer[..3]);
        Assert.Equal(ring.Capacity, gate.Room);

        Assert.False(gate.IsClosed);
        gate.Close();
        gate.Close(); // idempotent
        Assert.True(gate.IsClosed);
        gate.Write([0.4f]);
        Assert.Equal(3, ring.WrittenSamples);
    }

    [Fact]
    public void Close_returns_only_after_a_write_in_progress_and_no_write_reaches_the_ring_after_it()
    {
        var ring = new AudioRingBuffer(16000, 16000);
        var gate = new SessionWriteGate(ring);
        var block = new float[160];
        using var started = new ManualResetEventSlim(false);
        var stop = false;
        var writer = new Thread(() =>
        {
            started.Set();
            while (!Volatile.Read(ref stop))
            {
                gate.Write(block);
            }
        });
        writer.Start();
        Assert.True(started.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Thread.Yield();

        gate.Close();
        var atClose = ring.WrittenSamples;
        for (var i = 0; i < 100 && writer.IsAlive; i++)
        {
            Thread.Yield();
        }

        Volatile.Write(ref stop, true);
        writer.Join();
        Assert.Equal(atClose, ring.WrittenSamples);
    }
}
