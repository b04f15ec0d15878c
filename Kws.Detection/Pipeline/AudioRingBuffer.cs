using Kws.Detection.Options;

namespace Kws.Detection.Pipeline;

/// <summary>
/// The lock-free SPSC ring buffer of <see cref="IAudioRingBuffer"/>. Positions are 64-bit absolute sample indices that
/// only grow. The producer first publishes how far it is about to write (<c>_reserved</c>, followed by a full fence),
/// then copies, then publishes <c>_committed</c> (release). The consumer takes <c>_committed</c> (acquire), starts no
/// earlier than <c>_committed - Capacity</c>, copies, fences, and re-reads <c>_reserved</c>: any copied sample older
/// than <c>_reserved - Capacity</c> may have been overwritten during the copy and is discarded (counted as dropped).
/// This is the seqlock argument: if the copy saw any byte of a newer write, the fence pairing makes that write's
/// reservation visible to the re-read. 64-bit positions are read and written atomically on 32-bit ARM too
/// (<see cref="Volatile"/> uses interlocked operations there).
/// </summary>
public sealed class AudioRingBuffer : IAudioRingBuffer
{
    // A consumer that keeps finding its copy overwritten gives up after this many tries and returns nothing this time.
    private const int MaxReadAttempts = 4;

    private readonly float[] _buffer;

    // Written by the producer only.
    private long _reserved;
    private long _committed;
    private long _discontinuity = -1; // the index of the first sample after the latest mark; -1: none

    // Written by the consumer only: the latest mark already reported.
    private long _reportedDiscontinuity = -1;

    // Written by the consumer only.
    private long _readPosition;
    private long _dropped;
    private long _overflows;

    /// <summary>Makes a buffer holding <paramref name="capacityMs"/> milliseconds at <paramref name="sampleRateHz"/>.</summary>
    /// <param name="sampleRateHz">The sample rate of the audio, in Hz.</param>
    /// <param name="capacityMs">The capacity, in milliseconds (rounded to the nearest sample, at least one sample).</param>
    public AudioRingBuffer(int sampleRateHz, int capacityMs)
        : this(sampleRateHz, new AudioRingBufferOptions { CapacityMs = capacityMs })
    {
    }

    /// <summary>Makes a buffer from validated options.</summary>
    /// <param name="sampleRateHz">The sample rate of the audio, in Hz.</param>
    /// <param name="options">The capacity in milliseconds.</param>
    public AudioRingBuffer(int sampleRateHz, AudioRingBufferOptions options)
    {
        SampleClock.RequireRate(sampleRateHz, "Audio ring buffer");
        OptionsGuard.ThrowIfInvalid(options, "ring buffer options");
        SampleRateHz = sampleRateHz;
        Capacity = (int)Math.Max(1, SampleClock.MsToSamples(options.CapacityMs, sampleRateHz));
        _buffer = new float[Capacity];
    }

    /// <inheritdoc />
    public int SampleRateHz { get; }

    /// <summary>
    /// Tests only: runs on the consumer thread between a copy and its re-check, so a test can play the producer
    /// overwriting samples mid-copy deterministically. Null (one predictable branch per read) in the service.
    /// </summary>
    internal Action? AfterCopyForTests { get; set; }

    /// <inheritdoc />
    public int Capacity { get; }

    /// <summary>Samples written since the buffer was made: the absolute index the next written sample will have.</summary>
    public long WrittenSamples => Volatile.Read(ref _committed);

    /// <summary>The absolute index of the next sample the consumer will read (before any skip for overflow).</summary>
    public long ReadPosition => Volatile.Read(ref _readPosition);

    /// <inheritdoc />
    public long DroppedSamples => Volatile.Read(ref _dropped);

    /// <inheritdoc />
    public long OverflowCount => Volatile.Read(ref _overflows);

    /// <inheritdoc />
    public int Room => (int)Math.Max(0, Capacity - (Volatile.Read(ref _committed) - Volatile.Read(ref _readPosition)));

    /// <inheritdoc />
    public int Available => (int)Math.Min(Volatile.Read(ref _committed) - _readPosition, Capacity);

    /// <inheritdoc />
    public void Write(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        long start = _committed; // only this thread writes it
        long end = start + samples.Length;
        if (samples.Length > Capacity)
        {
            // Only the newest Capacity samples can survive; the rest count as written and are dropped at once.
            samples = samples[^Capacity..];
            start = end - Capacity;
        }

        Volatile.Write(ref _reserved, end);
        Interlocked.MemoryBarrier(); // the reservation is visible before any slot is overwritten

        int index = (int)(start % Capacity);
        int first = Math.Min(samples.Length, Capacity - index);
        samples[..first].CopyTo(_buffer.AsSpan(index));
        samples[first..].CopyTo(_buffer);

        Volatile.Write(ref _committed, end);
    }

    /// <inheritdoc />
    public void MarkDiscontinuity() => Volatile.Write(ref _discontinuity, _committed);

    /// <inheritdoc />
    public RingRead Read(Span<float> destination)
    {
        long previous = _readPosition;
        if (destination.IsEmpty)
        {
            return new RingRead(0, previous, 0);
        }

        long position = previous;
        int count = 0;
        long mark = -1;
        for (int attempt = 0; attempt < MaxReadAttempts; attempt++)
        {
            long committed = Volatile.Read(ref _committed);
            mark = Volatile.Read(ref _discontinuity); // read after _committed: a mark is never newer than the samples seen
            position = Math.Max(position, committed - Capacity);
            count = (int)Math.Min(destination.Length, committed - position);
            if (mark > position && mark < position + count)
            {
                count = (int)(mark - position); // never across a discontinuity: stop right before it
            }

            if (count <= 0)
            {
                count = 0;
                break;
            }

            CopyOut(position, destination[..count]);
            AfterCopyForTests?.Invoke();
            Interlocked.MemoryBarrier(); // the copy completes before the reservation is re-read

            long validFrom = Volatile.Read(ref _reserved) - Capacity;
            if (validFrom <= position)
            {
                break;
            }

            if (validFrom < position + count)
            {
                // The head of the copy may be torn: keep only the tail that no write can have reached.
                int torn = (int)(validFrom - position);
                destination[torn..count].CopyTo(destination);
                count -= torn;
                position = validFrom;
                break;
            }

            // Everything copied was overwritten meanwhile: those samples are lost; try again with newer ones.
            position += count;
            count = 0;
        }

        long skipped = position - previous;
        if (skipped > 0)
        {
            Volatile.Write(ref _dropped, _dropped + skipped);
            Volatile.Write(ref _overflows, _overflows + 1);
        }

        // Reported with the first samples read at or past the mark (a mark at the previous end counts: nothing after
        // it was read yet).
        bool afterMark = count > 0 && mark > _reportedDiscontinuity && mark >= previous && mark <= position;
        if (afterMark)
        {
            _reportedDiscontinuity = mark;
        }

        Volatile.Write(ref _readPosition, position + count);
        return new RingRead(count, position, skipped, afterMark);
    }

    private void CopyOut(long position, Span<float> destination)
    {
        int index = (int)(position % Capacity);
        int first = Math.Min(destination.Length, Capacity - index);
        _buffer.AsSpan(index, first).CopyTo(destination);
        _buffer.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
    }
}
