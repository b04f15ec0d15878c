using EdgeService.Audio;

namespace EdgeService.Tests.Audio;

/// <summary>
/// A capture stream whose counters and health the test sets. With <see cref="BlockDispose"/> its Dispose blocks,
/// as a native stop does while the driver waits for a device whose clock stopped, until <see cref="Release"/> (or,
/// as a safety net, 30 s: a test whose code under test wrongly disposes on the test's own thread then fails instead
/// of hanging).
/// </summary>
internal sealed class FakeCaptureSession(string description) : ICaptureSession
{
    private readonly ManualResetEventSlim _release = new(false);
    private long _frames;
    private long _overflows;
    private volatile bool _disposed;

    public string Description { get; } = description;

    public long CapturedFrames => Volatile.Read(ref _frames);

    public long InputOverflows => Volatile.Read(ref _overflows);

    public string? FailureReason { get; set; }

    /// <summary>When true, Dispose blocks until <see cref="Release"/>.</summary>
    public bool BlockDispose { get; set; }

    /// <summary>When set, Dispose throws it once it has done everything else (a native stop that failed).</summary>
    public Exception? DisposeError { get; set; }

    /// <summary>Set when Dispose is entered.</summary>
    public ManualResetEventSlim DisposeEntered { get; } = new(false);

    /// <summary>Set when Dispose has returned.</summary>
    public ManualResetEventSlim DisposeReturned { get; } = new(false);

    /// <summary>Which thread called Dispose (null before).</summary>
    public Thread? DisposedOn { get; private set; }

    /// <summary>Whether the disposing thread was a background thread, read while it ran (a dead thread cannot be asked).</summary>
    public bool DisposedOnBackgroundThread { get; private set; }

    public bool Disposed => _disposed;

    public void Deliver(long frames) => Interlocked.Add(ref _frames, frames);

    public void Overflow(long count = 1) => Interlocked.Add(ref _overflows, count);

    /// <summary>Lets a blocked Dispose return.</summary>
    public void Release() => _release.Set();

    public void Dispose()
    {
        DisposedOn = Thread.CurrentThread;
        DisposedOnBackgroundThread = Thread.CurrentThread.IsBackground;
        DisposeEntered.Set();
        if (BlockDispose)
        {
            _release.Wait(TimeSpan.FromSeconds(30));
        }

        _disposed = true;
        DisposeReturned.Set();
        if (DisposeError is { } error)
        {
            throw error;
        }
    }
}
