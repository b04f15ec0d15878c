namespace EdgeService.Audio;

/// <summary>
/// Closes one capture session without ever blocking its caller: <see cref="IDisposable.Dispose"/> runs on a
/// dedicated background thread (a native stop can hang in the driver for as long as the device is stuck), against a
/// deadline on the injected <see cref="TimeProvider"/>. Whichever comes first decides the <see cref="Outcome"/>:
/// <see cref="SessionCloseOutcome.Closed"/> when Dispose returns in time, otherwise
/// <see cref="SessionCloseOutcome.Abandoned"/> (the thread is left waiting in the driver; being a background thread
/// it never keeps the process alive), and <see cref="SessionCloseOutcome.ClosedLate"/> if an abandoned Dispose
/// returns after all. The callback is invoked once per change with the new outcome, in order (never two at once), on
/// the closing thread or the deadline timer's thread, never on the thread that called <see cref="Start"/>;
/// <see cref="WaitSettled()"/> returns once the outcome is no longer <see cref="SessionCloseOutcome.Pending"/> and the
/// callback for it has returned.
/// </summary>
internal sealed class SessionCloser
{
    private readonly ICaptureSession _session;
    private readonly Action<SessionCloser, SessionCloseOutcome> _changed;
    private readonly ManualResetEventSlim _settled = new(false);
    private readonly Lock _lock = new();
    private readonly ITimer _deadline;
    private readonly TimeProvider _time;
    private readonly long _started;
    private volatile SessionCloseOutcome _outcome = SessionCloseOutcome.Pending;

    private SessionCloser(ICaptureSession session, TimeSpan timeout, TimeProvider time, Action<SessionCloser, SessionCloseOutcome> changed)
    {
        _session = session;
        _changed = changed;
        _time = time;
        _started = time.GetTimestamp();
        Timeout = timeout;
        _deadline = time.CreateTimer(_ => OnDeadline(), null, System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
        _deadline.Change(timeout, System.Threading.Timeout.InfiniteTimeSpan);
    }

    /// <summary>The session being closed.</summary>
    public ICaptureSession Session => _session;

    /// <summary>How long Dispose was given.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Where the close stands; safe from any thread.</summary>
    public SessionCloseOutcome Outcome => _outcome;

    /// <summary>How long Dispose took (on the injected clock), once it returned; null before.</summary>
    public TimeSpan? Took { get; private set; }

    /// <summary>What Dispose threw, if it did (read once the outcome is Closed or ClosedLate).</summary>
    public Exception? Error { get; private set; }

    /// <summary>Starts closing <paramref name="session"/> and returns at once.</summary>
    /// <param name="session">The session to dispose.</param>
    /// <param name="timeout">How long Dispose may take before the session is abandoned.</param>
    /// <param name="time">The clock of the deadline.</param>
    /// <param name="changed">Called on every change of <see cref="Outcome"/> (not on the caller's thread).</param>
    public static SessionCloser Start(ICaptureSession session, TimeSpan timeout, TimeProvider time, Action<SessionCloser, SessionCloseOutcome> changed)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(changed);
        var closer = new SessionCloser(session, timeout, time, changed);
        new Thread(closer.Close) { IsBackground = true, Name = "audio-close" }.Start();
        return closer;
    }

    /// <summary>Waits until the session is closed or abandoned (for the caller that must not go on before: a stop).</summary>
    public void WaitSettled() => _settled.Wait();

    /// <summary>As <see cref="WaitSettled()"/>, giving up after <paramref name="timeout"/> of the wall clock.</summary>
    /// <returns>True once settled; false when the wait timed out.</returns>
    public bool WaitSettled(TimeSpan timeout) => _settled.Wait(timeout);

    private void Close()
    {
        try
        {
            _session.Dispose();
        }
        catch (Exception e)
        {
            Error = e;
        }

        Took = _time.GetElapsedTime(_started);

        lock (_lock)
        {
            if (_outcome == SessionCloseOutcome.Pending)
            {
                _deadline.Dispose();
                Settle(SessionCloseOutcome.Closed);
            }
            else
            {
                _outcome = SessionCloseOutcome.ClosedLate;
                _changed(this, SessionCloseOutcome.ClosedLate);
            }
        }
    }

    private void OnDeadline()
    {
        lock (_lock)
        {
            _deadline.Dispose();
            if (_outcome == SessionCloseOutcome.Pending)
            {
                Settle(SessionCloseOutcome.Abandoned);
            }
        }
    }

    private void Settle(SessionCloseOutcome outcome)
    {
        _outcome = outcome;
        try
        {
            _changed(this, outcome);
        }
        finally
        {
            _settled.Set();
        }
    }
}
