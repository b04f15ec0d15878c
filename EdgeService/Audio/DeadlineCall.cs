namespace EdgeService.Audio;

/// <summary>
/// Runs one call that may block in a native driver (opening or closing a capture stream) on a dedicated background
/// thread, against a deadline on the injected <see cref="TimeProvider"/>, so that the caller can always go on.
/// Whichever comes first decides the <see cref="Outcome"/>: <see cref="DeadlineCallOutcome.Returned"/> when the call
/// returns (or throws) in time, otherwise <see cref="DeadlineCallOutcome.Abandoned"/> (the thread is left waiting in
/// the driver; being a background thread it never keeps the process alive), and
/// <see cref="DeadlineCallOutcome.ReturnedLate"/> if an abandoned call returns after all. The callback is invoked once
/// per change with the new outcome, in order (never two at once), on the call's thread or the deadline timer's
/// thread, never on the thread that called <see cref="Start"/>; <see cref="WaitSettled()"/> returns once the outcome
/// is no longer <see cref="DeadlineCallOutcome.Pending"/> and the callback for it has returned.
/// </summary>
/// <typeparam name="T">What the call returns.</typeparam>
internal sealed class DeadlineCall<T>
    where T : class
{
    private readonly Func<T> _call;
    private readonly Action<DeadlineCall<T>, DeadlineCallOutcome> _changed;
    private readonly ManualResetEventSlim _settled = new(false);
    private readonly Lock _lock = new();
    private readonly ITimer _deadline;
    private readonly TimeProvider _time;
    private readonly long _started;
    private volatile DeadlineCallOutcome _outcome = DeadlineCallOutcome.Pending;

    private DeadlineCall(Func<T> call, TimeSpan timeout, TimeProvider time, Action<DeadlineCall<T>, DeadlineCallOutcome> changed)
    {
        _call = call;
        _changed = changed;
        _time = time;
        _started = time.GetTimestamp();
        Timeout = timeout;
        _deadline = time.CreateTimer(_ => OnDeadline(), null, System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
        _deadline.Change(timeout, System.Threading.Timeout.InfiniteTimeSpan);
    }

    /// <summary>How long the call was given.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Where the call stands; safe from any thread.</summary>
    public DeadlineCallOutcome Outcome => _outcome;

    /// <summary>How long the call took (on the injected clock), once it returned; null before.</summary>
    public TimeSpan? Took { get; private set; }

    /// <summary>What the call returned (read once the outcome is Returned or ReturnedLate); null if it threw.</summary>
    public T? Result { get; private set; }

    /// <summary>What the call threw, if it did (read once the outcome is Returned or ReturnedLate).</summary>
    public Exception? Error { get; private set; }

    /// <summary>Starts <paramref name="call"/> on a background thread of its own and returns at once.</summary>
    /// <param name="threadName">The thread's name (seen in a debugger or a dump), e.g. "audio-close".</param>
    /// <param name="call">The blocking call.</param>
    /// <param name="timeout">How long the call may take before it is abandoned.</param>
    /// <param name="time">The clock of the deadline.</param>
    /// <param name="changed">Called on every change of <see cref="Outcome"/> (not on the caller's thread).</param>
    public static DeadlineCall<T> Start(string threadName, Func<T> call, TimeSpan timeout, TimeProvider time, Action<DeadlineCall<T>, DeadlineCallOutcome> changed)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(changed);
        var deadlineCall = new DeadlineCall<T>(call, timeout, time, changed);
        new Thread(deadlineCall.Run) { IsBackground = true, Name = threadName }.Start();
        return deadlineCall;
    }

    /// <summary>Waits until the call returned or was abandoned (for a caller that must not go on before).</summary>
    public void WaitSettled() => _settled.Wait();

    /// <summary>As <see cref="WaitSettled()"/>, giving up after <paramref name="timeout"/> of the wall clock.</summary>
    /// <returns>True once settled; false when the wait timed out.</returns>
    public bool WaitSettled(TimeSpan timeout) => _settled.Wait(timeout);

    private void Run()
    {
        try
        {
            Result = _call();
        }
        catch (Exception e)
        {
            Error = e;
        }

        Took = _time.GetElapsedTime(_started);

        lock (_lock)
        {
            if (_outcome == DeadlineCallOutcome.Pending)
            {
                _deadline.Dispose();
                Settle(DeadlineCallOutcome.Returned);
            }
            else
            {
                _outcome = DeadlineCallOutcome.ReturnedLate;
                _changed(this, DeadlineCallOutcome.ReturnedLate);
            }
        }
    }

    private void OnDeadline()
    {
        lock (_lock)
        {
            _deadline.Dispose();
            if (_outcome == DeadlineCallOutcome.Pending)
            {
                Settle(DeadlineCallOutcome.Abandoned);
            }
        }
    }

    private void Settle(DeadlineCallOutcome outcome)
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
