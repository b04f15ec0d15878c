using Kws.Detection.Pipeline;

namespace EdgeService.Audio;

/// <summary>
/// The ring buffer as one capture session sees it: writes go through to the real buffer until <see cref="Close"/>,
/// and are dropped after it. <see cref="ResilientAudioSource"/> gives each session a gate of its own and closes it
/// before it closes the session, so a stream that cannot be closed (a driver stuck with the device) can never write
/// into the buffer again, even if it wakes up later, while a newer session writes there. Write stays lock-free and
/// allocation-free: two interlocked operations around the real write.
/// </summary>
/// <param name="target">The ring buffer the session writes into.</param>
internal sealed class SessionWriteGate(IAudioRingWriter target) : IAudioRingWriter
{
    private readonly IAudioRingWriter _target = target ?? throw new ArgumentNullException(nameof(target));
    private int _writers;
    private volatile bool _closed;

    /// <summary>True once <see cref="Close"/> was called: writes are dropped.</summary>
    public bool IsClosed => _closed;

    /// <inheritdoc />
    public int SampleRateHz => _target.SampleRateHz;

    /// <inheritdoc />
    public int Room => _target.Room;

    /// <inheritdoc />
    public void Write(ReadOnlySpan<float> samples)
    {
        // Announce the write before looking at the flag; Close sets the flag before it looks at the count. Both are
        // full fences, so either Close sees this writer (and waits for it) or this writer sees the flag.
        Interlocked.Increment(ref _writers);
        try
        {
            if (!_closed)
            {
                _target.Write(samples);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _writers);
        }
    }

    /// <inheritdoc />
    public void MarkDiscontinuity()
    {
        if (!_closed)
        {
            _target.MarkDiscontinuity();
        }
    }

    /// <summary>
    /// Drops every later write and returns once a write in progress (a copy into the ring, microseconds) has ended.
    /// Idempotent; safe from any thread but the writer's.
    /// </summary>
    public void Close()
    {
        _closed = true;
        Interlocked.MemoryBarrier();
        var spin = default(SpinWait);
        while (Volatile.Read(ref _writers) != 0)
        {
            spin.SpinOnce();
        }
    }
}
