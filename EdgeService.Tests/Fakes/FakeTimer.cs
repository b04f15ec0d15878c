namespace EdgeService.Tests.Fakes;

/// <summary>A timer of <see cref="FakeTimeProvider"/>: it fires only when the fake clock is advanced past its due time.</summary>
internal sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
{
    public TimerCallback Callback { get; } = callback;

    public object? State { get; } = state;

    /// <summary>When it fires next; null when disarmed. Guarded by the provider's lock.</summary>
    public DateTimeOffset? Due { get; set; }

    /// <summary>The period of a periodic timer; null for a one-shot.</summary>
    public TimeSpan? Period { get; set; }

    /// <summary>Orders timers due at the same instant by when they were armed.</summary>
    public long Order { get; set; }

    public bool Disposed { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (Disposed)
        {
            return false;
        }

        owner.Arm(this, dueTime, period);
        return true;
    }

    public void Dispose()
    {
        Disposed = true;
        owner.Remove(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
