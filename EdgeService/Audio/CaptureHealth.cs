using Microsoft.Extensions.Logging;

namespace EdgeService.Audio;

/// <summary>
/// Watches the capture sessions of one <see cref="ResilientAudioSource"/>, one after another: judges whether the
/// current session is healthy (it reports no failure, and its frame count moved within StallTimeoutMs), logs the
/// device's input overflows at most once per OverflowLogIntervalMs, and keeps the frame and overflow totals across
/// sessions (a reconnect does not reset them). Every time is a monotonic reading of the caller's clock (time since a
/// fixed origin, from <see cref="TimeProvider.GetTimestamp"/>), never the wall clock: a Raspberry Pi without a
/// real-time clock steps its wall clock by hours when NTP first syncs, which would fake a stall or hide one. Not
/// thread-safe: its owner calls it under its own lock, and never from the audio callback.
/// </summary>
internal sealed class CaptureHealth
{
    private readonly TimeSpan _stallTimeout;
    private readonly TimeSpan _overflowLogInterval;
    private readonly ILogger _logger;

    private long _framesBefore;
    private long _overflowsBefore;
    private long _overflowsLogged;
    private TimeSpan _lastOverflowLog;
    private long _lastFrames;
    private TimeSpan _lastProgress;

    /// <summary>Makes the watcher.</summary>
    /// <param name="stallTimeout">How long a session may deliver no frames before it counts as lost.</param>
    /// <param name="overflowLogInterval">The least time between two overflow log lines (except when a session ends).</param>
    /// <param name="logger">Where overflows are logged.</param>
    public CaptureHealth(TimeSpan stallTimeout, TimeSpan overflowLogInterval, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stallTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(overflowLogInterval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(logger);
        _stallTimeout = stallTimeout;
        _overflowLogInterval = overflowLogInterval;
        _logger = logger;
    }

    /// <summary>Starts the overflow log period at <paramref name="now"/> (the capture starts).</summary>
    public void Restart(TimeSpan now) => _lastOverflowLog = now;

    /// <summary>A new session runs from <paramref name="now"/>: its stall clock starts at its current frame count.</summary>
    public void Attach(ICaptureSession session, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(session);
        _lastFrames = session.CapturedFrames;
        _lastProgress = now;
    }

    /// <summary>
    /// Checks the current session at <paramref name="now"/>: logs new overflows when the log interval has passed and
    /// returns null while the session is healthy; otherwise logs every overflow not yet logged and returns why it is
    /// not (its own <see cref="ICaptureSession.FailureReason"/>, or "no audio arrived for N s").
    /// </summary>
    public string? Check(ICaptureSession session, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(session);
        LogOverflows(session, now, force: false);
        var reason = session.FailureReason;
        var frames = session.CapturedFrames;
        if (frames != _lastFrames)
        {
            _lastFrames = frames;
            _lastProgress = now;
        }
        else if (reason is null && now - _lastProgress >= _stallTimeout)
        {
            reason = $"no audio arrived for {(now - _lastProgress).TotalSeconds:0.#} s";
        }

        if (reason is not null)
        {
            LogOverflows(session, now, force: true);
        }

        return reason;
    }

    /// <summary>The session is being closed: its counts move into the totals (read them before it is disposed).</summary>
    public void Detach(ICaptureSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _framesBefore += session.CapturedFrames;
        _overflowsBefore += session.InputOverflows;
    }

    /// <summary>Native frames captured by every session so far, <paramref name="current"/> (attached, not detached) included.</summary>
    public long TotalFrames(ICaptureSession? current) => _framesBefore + (current?.CapturedFrames ?? 0);

    /// <summary>Input overflows of every session so far, <paramref name="current"/> (attached, not detached) included.</summary>
    public long TotalOverflows(ICaptureSession? current) => _overflowsBefore + (current?.InputOverflows ?? 0);

    private void LogOverflows(ICaptureSession session, TimeSpan now, bool force)
    {
        var total = TotalOverflows(session);
        var since = now - _lastOverflowLog;
        if (total > _overflowsLogged && (force || since >= _overflowLogInterval))
        {
            AudioCaptureLog.Overflows(_logger, total - _overflowsLogged, since.TotalSeconds, total);
            _overflowsLogged = total;
            _lastOverflowLog = now;
        }
    }
}
