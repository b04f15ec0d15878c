using Kws.Detection.Pipeline;
using System.Diagnostics;

namespace EdgeService.Tests.Pipeline;

public class AudioRingBufferTests
{
    // Floats hold every integer below 2^24 exactly; the ramp wraps there so a sample always names its index.
    private const long RampModulus = 1 << 23;

    private static float Ramp(long index) => index % RampModulus;

    private static float[] RampFrom(long first, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Ramp(first + i))];

    [Theory]
    [InlineData(16000, 2000, 32000)]
    [InlineData(16000, 10, 160)]
    [InlineData(44100, 25, 1103)] // 1102.5 rounds up
    public void Capacity_IsTheDurationAtTheRate(int rate, int ms, int expected)
    {
        var ring = new AudioRingBuffer(rate, ms);
        Assert.Equal(expected, ring.Capacity);
        Assert.Equal(rate, ring.SampleRateHz);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(60_001)]
    public void Options_OutOfRange_AreRejectedWithTheSettingsName(int ms)
    {
        var problems = new AudioRingBufferOptions { CapacityMs = ms }.Validate();
        Assert.Contains(problems, p => p.Contains("CapacityMs", StringComparison.Ordinal));
        var e = Assert.Throws<ArgumentException>(() => new AudioRingBuffer(16000, ms));
        Assert.Contains("CapacityMs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteThenRead_ReturnsTheSamplesWithTheirAbsoluteIndex()
    {
        var ring = new AudioRingBuffer(1000, 100); // 100 samples
        ring.Write(RampFrom(0, 30));
        ring.Write(RampFrom(30, 20));
        Assert.Equal(50, ring.Available);

        var dest = new float[64];
        var r = ring.Read(dest);
        Assert.Equal(new RingRead(50, 0, 0), r);
        Assert.Equal(RampFrom(0, 50), dest[..50]);

        ring.Write(RampFrom(50, 5));
        r = ring.Read(dest);
        Assert.Equal(new RingRead(5, 50, 0), r);
        Assert.Equal(RampFrom(50, 5), dest[..5]);
        Assert.Equal(55, ring.ReadPosition);
        Assert.Equal(55, ring.WrittenSamples);
    }

    [Fact]
    public void Read_WhenEmpty_ReturnsNothingAndTheNextIndex()
    {
        var ring = new AudioRingBuffer(1000, 10);
        ring.Write(RampFrom(0, 7));
        var dest = new float[10];
        ring.Read(dest);

        var r = ring.Read(dest);
        Assert.Equal(0, r.Count);
        Assert.Equal(7, r.FirstSampleIndex);
        Assert.Equal(0, r.Skipped);
    }

    [Fact]
    public void WrapAround_KeepsOrderAndPositionsOverManyLaps()
    {
        var ring = new AudioRingBuffer(1000, 10); // 10 samples: writes of 7 wrap at different offsets
        var dest = new float[4];
        long written = 0;
        long next = 0;
        for (int lap = 0; lap < 50; lap++)
        {
            ring.Write(RampFrom(written, 7));
            written += 7;
            while (true)
            {
                var r = ring.Read(dest);
                if (r.Count == 0)
                {
                    break;
                }

                Assert.Equal(next, r.FirstSampleIndex);
                Assert.Equal(0, r.Skipped);
                Assert.Equal(RampFrom(next, r.Count), dest[..r.Count]);
                next += r.Count;
            }
        }

        Assert.Equal(written, next);
        Assert.Equal(0, ring.DroppedSamples);
        Assert.Equal(0, ring.OverflowCount);
    }

    [Fact]
    public void Overflow_DropsTheOldest_CountsThemAndTellsTheReader()
    {
        var ring = new AudioRingBuffer(1000, 100); // 100 samples
        var dest = new float[1000];
        ring.Write(RampFrom(0, 60));
        ring.Read(dest.AsSpan(0, 10)); // read 0..9
        ring.Write(RampFrom(60, 90));  // 150 written; 10..49 overwritten

        Assert.Equal(100, ring.Available);
        var r = ring.Read(dest);
        Assert.Equal(100, r.Count);
        Assert.Equal(50, r.FirstSampleIndex);
        Assert.Equal(40, r.Skipped);
        Assert.Equal(RampFrom(50, 100), dest[..100]);
        Assert.Equal(40, ring.DroppedSamples);
        Assert.Equal(1, ring.OverflowCount);

        // A second overflow is a second event, and the totals still add up.
        ring.Write(RampFrom(150, 230));
        r = ring.Read(dest);
        Assert.Equal(new RingRead(100, 280, 130), r);
        Assert.Equal(RampFrom(280, 100), dest[..100]);
        Assert.Equal(170, ring.DroppedSamples);
        Assert.Equal(2, ring.OverflowCount);
        Assert.Equal(ring.WrittenSamples, 10 + 100 + 100 + ring.DroppedSamples);
    }

    [Fact]
    public void A_read_never_spans_a_discontinuity_and_the_first_read_after_it_says_so_once()
    {
        var ring = new AudioRingBuffer(1000, 1000);
        var dest = new float[1000];
        ring.Write(RampFrom(0, 100));
        ring.MarkDiscontinuity();
        ring.Write(RampFrom(100, 50));

        Assert.Equal(new RingRead(100, 0, 0, AfterDiscontinuity: false), ring.Read(dest)); // stops right before the mark
        Assert.Equal(new RingRead(50, 100, 0, AfterDiscontinuity: true), ring.Read(dest));
        Assert.Equal(RampFrom(100, 50), dest[..50]);
        ring.Write(RampFrom(150, 10));
        Assert.Equal(new RingRead(10, 150, 0, AfterDiscontinuity: false), ring.Read(dest)); // told once

        // A mark at the reader's position, with nothing written yet: told with the first samples after it.
        ring.MarkDiscontinuity();
        Assert.Equal(new RingRead(0, 160, 0, AfterDiscontinuity: false), ring.Read(dest));
        ring.Write(RampFrom(160, 5));
        Assert.Equal(new RingRead(5, 160, 0, AfterDiscontinuity: true), ring.Read(dest));
    }

    [Fact]
    public void A_discontinuity_lost_to_overflow_is_still_told()
    {
        var ring = new AudioRingBuffer(1000, 100);
        var dest = new float[1000];
        ring.Write(RampFrom(0, 50));
        ring.MarkDiscontinuity();
        ring.Write(RampFrom(50, 120)); // 170 written: 0..69 overwritten, the mark at 50 among them

        var r = ring.Read(dest);
        Assert.Equal(new RingRead(100, 70, 70, AfterDiscontinuity: true), r);
        Assert.Equal(RampFrom(70, 100), dest[..100]);
    }

    [Fact]
    public void WriteLongerThanCapacity_KeepsOnlyTheNewest()
    {
        var ring = new AudioRingBuffer(1000, 10);
        ring.Write(RampFrom(0, 3));
        ring.Write(RampFrom(3, 25)); // 28 written, capacity 10

        var dest = new float[32];
        var r = ring.Read(dest);
        Assert.Equal(new RingRead(10, 18, 18), r);
        Assert.Equal(RampFrom(18, 10), dest[..10]);
        Assert.Equal(28, ring.WrittenSamples);
    }

    [Fact]
    public void SamplesOverwrittenDuringTheCopy_AreDiscardedAndCounted_NeverReturnedTorn()
    {
        var ring = new AudioRingBuffer(1000, 100); // 100 samples
        ring.Write(RampFrom(0, 100)); // full: 0..99
        long written = 100;
        ring.AfterCopyForTests = () =>
        {
            // The producer lands 30 samples while the consumer is copying: slots of 0..29 now hold 100..129.
            ring.Write(RampFrom(written, 30));
            written += 30;
            ring.AfterCopyForTests = null;
        };

        var dest = new float[100];
        var r = ring.Read(dest);
        Assert.Equal(new RingRead(70, 30, 30), r);
        Assert.Equal(RampFrom(30, 70), dest[..70]);
        Assert.Equal(30, ring.DroppedSamples);
        Assert.Equal(1, ring.OverflowCount);

        r = ring.Read(dest);
        Assert.Equal(new RingRead(30, 100, 0), r);
        Assert.Equal(RampFrom(100, 30), dest[..30]);
        Assert.Equal(ring.WrittenSamples, 100 + ring.DroppedSamples);
    }

    [Fact]
    public void CopyEntirelyOverwritten_IsRetriedWithNewerSamples()
    {
        var ring = new AudioRingBuffer(1000, 100);
        ring.Write(RampFrom(0, 50));
        int calls = 0;
        ring.AfterCopyForTests = () =>
        {
            // During the first copy (of 0..9) the producer writes 150 samples: all of 0..99 are gone.
            if (calls++ == 0)
            {
                ring.Write(RampFrom(50, 150));
            }
        };

        var dest = new float[10];
        var r = ring.Read(dest);
        Assert.Equal(new RingRead(10, 100, 100), r);
        Assert.Equal(RampFrom(100, 10), dest);
        Assert.Equal(2, calls);
        Assert.Equal(100, ring.DroppedSamples);
        Assert.Equal(1, ring.OverflowCount);
    }

    [Fact]
    public void WriteAndRead_DoNotAllocate()
    {
        var ring = new AudioRingBuffer(16000, 100);
        var chunk = RampFrom(0, 256);
        var dest = new float[300];
        ring.Write(chunk);
        ring.Read(dest);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            ring.Write(chunk);
            ring.Write(chunk.AsSpan(0, 100));
            ring.Read(dest);
            ring.Read(dest.AsSpan(0, 17));
        }

        ring.Write([]);
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
    }

    [Fact]
    public void ConcurrentProducerAndConsumer_EverySampleIsItsIndex_AndReadPlusDroppedIsWritten()
    {
        // A small ring (256 samples) with random chunks up to 1.5x its size: wrap-around, overflow and overwrites
        // during a copy all happen. Producer and consumer each pause now and then, so both catching up and falling
        // behind occur.
        var ring = new AudioRingBuffer(16000, 16);
        int capacity = ring.Capacity;
        var limit = TimeSpan.FromMilliseconds(1500);
        var stop = new ManualResetEventSlim();
        long producerWritten = 0;
        Exception? producerError = null;

        var producer = new Thread(() =>
        {
            try
            {
                var rng = new Random(12345);
                var chunk = new float[capacity * 3 / 2];
                long index = 0;
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed < limit)
                {
                    // Mostly audio-callback-sized chunks, now and then one larger than the whole ring.
                    int n = rng.Next(16) == 0 ? rng.Next(1, chunk.Length + 1) : rng.Next(1, 65);
                    for (int i = 0; i < n; i++)
                    {
                        chunk[i] = Ramp(index + i);
                    }

                    ring.Write(chunk.AsSpan(0, n));
                    index += n;
                    if (rng.Next(64) == 0)
                    {
                        Thread.Sleep(1);
                    }
                    else if (rng.Next(4) == 0)
                    {
                        Thread.Yield();
                    }
                }

                Volatile.Write(ref producerWritten, index);
            }
            catch (Exception e)
            {
                producerError = e;
            }
            finally
            {
                stop.Set();
            }
        })
        { IsBackground = true, Name = "ring-producer" };

        var dest = new float[capacity * 2];
        var rngRead = new Random(54321);
        long expectedNext = 0;
        long read = 0;
        long skippedSeen = 0;
        int reads = 0;
        int mismatches = 0;
        string? firstMismatch = null;

        producer.Start();
        while (true)
        {
            bool producerDone = stop.IsSet;
            var r = ring.Read(dest.AsSpan(0, rngRead.Next(1, dest.Length + 1)));
            reads++;
            Assert.Equal(expectedNext + r.Skipped, r.FirstSampleIndex);
            for (int i = 0; i < r.Count; i++)
            {
                if (dest[i] != Ramp(r.FirstSampleIndex + i))
                {
                    mismatches++;
                    firstMismatch ??= $"sample {r.FirstSampleIndex + i} read as {dest[i]}";
                }
            }

            read += r.Count;
            skippedSeen += r.Skipped;
            expectedNext = r.EndSampleIndex;
            if (r.Count == 0)
            {
                Thread.Yield();
            }
            else if (rngRead.Next(512) == 0)
            {
                Thread.Sleep(1); // a consumer that stalls: the ring overflows while it sleeps
            }

            if (producerDone && r.Count == 0)
            {
                break;
            }
        }

        Assert.True(producer.Join(TimeSpan.FromSeconds(5)), "the producer thread did not finish");
        Assert.Null(producerError);
        Assert.True(mismatches == 0, $"{mismatches} samples differed from their index; first: {firstMismatch}");
        Assert.Equal(producerWritten, ring.WrittenSamples);
        Assert.Equal(ring.WrittenSamples, read + ring.DroppedSamples);
        Assert.Equal(skippedSeen, ring.DroppedSamples);
        Assert.True(read > capacity * 10, $"only {read} samples were read in {reads} reads");
        Assert.True(ring.OverflowCount > 0, "the stress test never overflowed the ring; it did not test overflow");
    }
}
