using EdgeService.Audio;

namespace EdgeService.Tests.Audio;

/// <summary>A capture stream whose counters and health the test sets.</summary>
internal sealed class FakeCaptureSession(string description) : ICaptureSession
{
    private long _frames;
    private long _overflows;

    public string Description { get; } = description;

    public long CapturedFrames => Volatile.Read(ref _frames);

    public long InputOverflows => Volatile.Read(ref _overflows);

    public string? FailureReason { get; set; }

    public bool Disposed { get; private set; }

    public void Deliver(long frames) => Interlocked.Add(ref _frames, frames);

    public void Overflow(long count = 1) => Interlocked.Add(ref _overflows, count);

    public void Dispose() => Disposed = true;
}
