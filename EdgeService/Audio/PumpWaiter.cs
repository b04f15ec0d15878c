namespace EdgeService.Audio;

/// <summary>
/// Blocks a pump thread for a span of the injected clock without allocating per wait: one timer and one event, made
/// up front and re-armed for each wait (a <c>Task.Delay</c> per 20 ms block allocated a task, a timer and a
/// cancellation registration each time, for as long as a file plays). <see cref="Cancel"/> wakes a wait at once and
/// makes every later wait return at once; it may be called from any thread, also after <see cref="Dispose"/>.
/// </summary>
internal sealed class PumpWaiter : IDisposable
{
    private readonly Lock _lock = new();
    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 0);
    private readonly ITimer _timer;
    private volatile bool _cancelled;
    private bool _disposed;

    /// <summary>Makes the waiter and its (disarmed) timer.</summary>
    /// <param name="time">The clock the waits are measured on.</param>
    public PumpWaiter(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _timer = time.CreateTimer(static state => ((PumpWaiter)state!).Wake(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True once <see cref="Cancel"/> was called.</summary>
    public bool IsCancelled => _cancelled;

    /// <summary>
    /// Waits until <paramref name="span"/> of the clock has passed or the waiter is cancelled. Only one thread may
    /// wait at a time.
    /// </summary>
    /// <param name="span">How long to wait; zero or less returns at once.</param>
    /// <returns>False when cancelled (before or during the wait), true when the time has passed.</returns>
    public bool Wait(TimeSpan span)
    {
        if (_cancelled)
        {
            return false;
        }

        if (span <= TimeSpan.Zero)
        {
            return true;
        }

        _wake.Reset();
        if (_cancelled)
        {
            // Cancel set the event before the reset above cleared it; do not wait for the timer.
            return false;
        }

        _timer.Change(span, Timeout.InfiniteTimeSpan);
        _wake.Wait();
        return !_cancelled;
    }

    /// <summary>Wakes the current wait, if any, and makes later waits return false at once.</summary>
    public void Cancel()
    {
        _cancelled = true;
        Wake();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _timer.Dispose();
        _wake.Dispose();
    }

    private void Wake()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _wake.Set();
            }
        }
    }
}
