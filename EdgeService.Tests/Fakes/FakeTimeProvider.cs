namespace EdgeService.Tests.Fakes;

/// <summary>
/// A manual clock for tests: time moves only through <see cref="Advance"/>, which fires every timer that falls due,
/// in due-time order, synchronously on the caller's thread (with the clock set to each timer's due time). A timer
/// callback that blocks until another timer fires (a caller waiting for a deadline) needs a second thread to advance
/// the clock meanwhile; the clock never goes back when the first Advance then ends. <see cref="StepWallClock"/> moves
/// only the wall clock (<see cref="GetUtcNow"/>), as NTP does: timers and <see cref="GetTimestamp"/> are monotonic.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now; // monotonic: timers and timestamps run on it
    private TimeSpan _wallClockStep; // added to it by GetUtcNow only
    private long _sequence;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public FakeTimeProvider(DateTimeOffset start) => _now = start;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers created and not disposed.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>Timers created, not disposed, and armed (due to fire).</summary>
    public int ArmedTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.Due is not null);
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now + _wallClockStep;
        }
    }

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _now.UtcTicks;
        }
    }

    /// <summary>Steps the wall clock by <paramref name="by"/> (either way), as NTP does; fires nothing.</summary>
    public void StepWallClock(TimeSpan by)
    {
        lock (_lock)
        {
            _wallClockStep += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        lock (_lock)
        {
            // Added and armed at once: a test that sees the timer counted must also see it due.
            _timers.Add(timer);
            ArmLocked(timer, dueTime, period);
        }

        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>, firing due timers synchronously.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + by;
        }

        while (true)
        {
            FakeTimer? next;
            lock (_lock)
            {
                next = _timers
                    .Where(t => t.Due is { } due && due <= target)
                    .OrderBy(t => t.Due).ThenBy(t => t.Order)
                    .FirstOrDefault();
                if (next is null)
                {
                    _now = target > _now ? target : _now;
                    return;
                }

                _now = next.Due!.Value;
                next.Due = next.Period is { } p ? _now + p : null;
                next.Order = ++_sequence;
            }

            next.Callback(next.State);
        }
    }

    internal void Arm(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            ArmLocked(timer, dueTime, period);
        }
    }

    private void ArmLocked(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        timer.Due = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
        timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
        timer.Order = ++_sequence;
    }

    internal void Remove(FakeTimer timer)
    {
        lock (_lock)
        {
            timer.Due = null;
            _timers.Remove(timer);
        }
    }
}
