using Kws.Detection.Options;
using Kws.Detection.Pipeline;
using Kws.Audio;
using Microsoft.Extensions.Logging;

namespace EdgeService.Audio;

/// <summary>
/// The live-capture <see cref="IAudioSource"/>: opens a stream through an <see cref="ICaptureOpener"/> and keeps it
/// alive. A timer (the injected <see cref="TimeProvider"/>) checks the stream every HealthCheckIntervalMs: a stream that
/// stopped, reports an error, or delivered no audio for StallTimeoutMs is closed, the state becomes
/// <see cref="AudioSourceState.Faulted"/> (with the reason in <see cref="Fault"/>), and it is reopened after a back-off
/// (RetryInitialDelayMs doubling up to RetryMaxDelayMs, counted from when the old stream is closed) until the device is
/// back; then the state is <see cref="AudioSourceState.Running"/> again and audio goes on into the same ring buffer
/// (the gap is simply missing from the sample clock). Starting with no device present is handled the same way
/// (Faulted, then retries), so unlike other sources, Faulted is normally not final here.
/// <para>
/// Closing never blocks the health check or <see cref="Stop"/> for longer than CloseTimeoutMs: each session writes
/// through a <see cref="SessionWriteGate"/> that is shut first (so a closing stream never writes again), and is then
/// disposed on a thread of its own (<see cref="DeadlineCall{T}"/>), because a native stop waits for the driver, which
/// waits for a device whose clock stopped. A stream not closed by the deadline is abandoned: from the health check the
/// state becomes Faulted with an <see cref="AudioStreamAbandonedException"/> naming the device, and the fault is final
/// (<see cref="RecoversFromFaults"/> turns false), since PortAudio cannot be reopened while a call is stuck in it; the
/// host then exits non-zero and its supervisor restarts it. From <see cref="Stop"/> it is only logged. A fault that
/// retrying cannot fix (the library gone) is final as well.
/// </para>
/// <para>
/// Opening is bounded the same way: each open (at <see cref="Start"/> and at every retry) runs on a thread of its own
/// and its caller waits at most OpenTimeoutMs. An open still running then is abandoned (its gate shut, so a stream it
/// starts later never writes, and such a stream is closed as soon as the open returns) and the fault is final, with an
/// <see cref="AudioOpenAbandonedException"/>: a source stuck opening must not look like one that is retrying, which
/// keeps the watchdog fed.
/// </para>
/// Only a missing PortAudio library, bad settings, or a stream abandoned by an earlier start make <see cref="Start"/>
/// throw. Input overflows are counted by the stream and logged here, at most once per OverflowLogIntervalMs.
/// Statistics: <see cref="Statistics"/>.
/// </summary>
internal sealed partial class ResilientAudioSource : IAudioSource, ICaptureStatistics
{
    private readonly ICaptureOpener _opener;
    private readonly AudioOptions _options;
    private readonly TimeProvider _time;
    private readonly long _origin; // the monotonic clock's reading at construction: the health check's time zero
    private readonly ILogger _logger;
    private readonly ReconnectPolicy _policy;
    private readonly CaptureHealth _health;
    private readonly NotifyingLock<AudioSourceStateChangedEventArgs> _lock;

    private IAudioRingWriter? _target;
    private ICaptureSession? _session;
    private SessionWriteGate? _gate;
    private ITimer? _healthTimer;
    private ITimer? _retryTimer;

    // What _policy shows, published for readers that take no lock.
    private volatile AudioSourceState _state = AudioSourceState.Stopped;
    private volatile Exception? _fault;
    private volatile bool _final;

    // Guarded by _lock (as are _policy and _health).
    private DeadlineCall<ICaptureSession>? _closing;
    private DeadlineCall<ICaptureSession>? _opening;
    private string? _closingReason;

    /// <summary>Makes the source; nothing is opened before <see cref="Start"/>.</summary>
    /// <param name="opener">Opens the device (e.g. <see cref="PortAudio.PortAudioCaptureOpener"/>).</param>
    /// <param name="options">The capture settings (output rate, retry, stall and logging intervals).</param>
    /// <param name="timeProvider">The clock and timers (<see cref="TimeProvider.System"/> in the service).</param>
    /// <param name="logger">Where capture events are logged (never from the audio callback).</param>
    public ResilientAudioSource(ICaptureOpener opener, AudioOptions options, TimeProvider timeProvider, ILogger<ResilientAudioSource> logger)
    {
        ArgumentNullException.ThrowIfNull(opener);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        OptionsGuard.ThrowIfInvalid(options, "audio capture options");
        _opener = opener;
        _options = options;
        _time = timeProvider;
        _origin = timeProvider.GetTimestamp();
        _lock = new(e => StateChanged?.Invoke(this, e));
        _logger = logger;
        _policy = new ReconnectPolicy(new RetryBackoff(TimeSpan.FromMilliseconds(options.RetryInitialDelayMs), TimeSpan.FromMilliseconds(options.RetryMaxDelayMs)));
        _health = new CaptureHealth(TimeSpan.FromMilliseconds(options.StallTimeoutMs), TimeSpan.FromMilliseconds(options.OverflowLogIntervalMs), logger);
        Format = new AudioFormat(PipelineAudio.SampleRateHz, 1, SampleType.Float32);
    }

    /// <inheritdoc />
    public event EventHandler<AudioSourceStateChangedEventArgs>? StateChanged;

    /// <summary>What the source writes: mono float32 at the pipeline's rate.</summary>
    public AudioFormat Format { get; }

    /// <inheritdoc />
    public AudioSourceState State => _state;

    /// <inheritdoc />
    public Exception? Fault => _fault;

    /// <summary>True (faults are retried) until a fault retrying cannot fix: a stream abandoned because it could not be closed, or a missing library.</summary>
    public bool RecoversFromFaults => !_final;

    /// <inheritdoc />
    public AudioCaptureStatistics Statistics
    {
        get
        {
            using (_lock.Enter())
            {
                var session = _session;
                return new AudioCaptureStatistics(
                    _state,
                    session?.Description,
                    _health.TotalFrames(session),
                    _health.TotalOverflows(session),
                    _policy.Reconnects,
                    _policy.Faults,
                    _fault?.Message);
            }
        }
    }

    /// <inheritdoc />
    public void Start(IAudioRingWriter target)
    {
        ArgumentNullException.ThrowIfNull(target);
        DeadlineCall<ICaptureSession> opening;
        using (_lock.Enter())
        {
            if (_target is not null)
            {
                throw new InvalidOperationException("The audio capture is already started.");
            }

            if (target.SampleRateHz != Format.SampleRateHz)
            {
                throw new ArgumentException($"The ring buffer runs at {target.SampleRateHz} Hz; capture writes {Format.SampleRateHz} Hz.", nameof(target));
            }

            _policy.Started();
            Publish();
            _health.Restart(MonotonicNow);
            _target = target;
            opening = BeginOpen(target, atStart: true);
        }

        opening.WaitSettled();
        if (opening.Outcome == DeadlineCallOutcome.Returned && opening.Error is { } error and not AudioDeviceUnavailableException)
        {
            using (_lock.Enter())
            {
                _target = null;
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        using (_lock.Enter())
        {
            if (_target is not null && _policy.Stuck is null)
            {
                var interval = TimeSpan.FromMilliseconds(_options.HealthCheckIntervalMs);
                _healthTimer = _time.CreateTimer(_ => OnHealthCheck(), null, interval, interval);
            }
        }
    }

    /// <summary>
    /// Stops capture: no sample is written into the ring buffer once this returns. Waits for an open under way to
    /// return (at most OpenTimeoutMs) and for the stream to close (at most CloseTimeoutMs, both of the injected clock);
    /// a call still stuck then is abandoned and logged. Idempotent.
    /// </summary>
    public void Stop()
    {
        DeadlineCall<ICaptureSession>? opening;
        using (_lock.Enter())
        {
            _healthTimer?.Dispose();
            _healthTimer = null;
            _retryTimer?.Dispose();
            _retryTimer = null;
            _policy.Stopping();
            _target = null;
            opening = _opening;
        }

        opening?.WaitSettled(); // a stream it opened is kept in _session for the close below
        DeadlineCall<ICaptureSession>? closing;
        using (_lock.Enter())
        {
            closing = _session is not null ? BeginClose("the capture was stopped") : _closing;
        }

        closing?.WaitSettled();
        using (_lock.Enter())
        {
            _policy.Stopped();
            Publish();
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    /// <summary>
    /// Waits (wall clock, at most <paramref name="timeout"/>) until no stream is being closed: the close returned and
    /// its outcome was handled (the retry armed), or it was abandoned. For tests and diagnostics; the source itself
    /// never waits for a close except in <see cref="Stop"/>.
    /// </summary>
    /// <returns>False when a close is still pending after <paramref name="timeout"/>.</returns>
    internal bool WaitForClose(TimeSpan timeout)
    {
        DeadlineCall<ICaptureSession>? closing;
        using (_lock.Enter())
        {
            closing = _closing;
        }

        return closing is null || closing.WaitSettled(timeout);
    }

    /// <summary>The monotonic time since construction, for <see cref="CaptureHealth"/> (never the wall clock).</summary>
    private TimeSpan MonotonicNow => _time.GetElapsedTime(_origin);

    private void OnHealthCheck()
    {
        using (_lock.Enter())
        {
            if (_target is null || _session is not { } session)
            {
                return;
            }

            if (_health.Check(session, MonotonicNow) is { } reason)
            {
                var description = session.Description;
                BeginClose(reason);
                Failed(new AudioDeviceUnavailableException($"Audio input {description} was lost: {reason}."), description, reason);
            }
        }
    }

    private void OnRetry()
    {
        DeadlineCall<ICaptureSession> opening;
        using (_lock.Enter())
        {
            if (_target is not { } target || !_policy.MayRetry(capturing: true, busy: _session is not null || _closing is not null || _opening is not null))
            {
                return;
            }

            opening = BeginOpen(target, atStart: false);
        }

        opening.WaitSettled(); // at most OpenTimeoutMs: the retry timer's thread is the one that waits
    }

    private void Failed(Exception fault, string? session, string? reason = null)
    {
        var (delay, armNow) = _policy.Failed(fault, closing: _closing is not null);
        if (session is null)
        {
            AudioCaptureLog.Unavailable(_logger, fault.Message, delay.TotalSeconds);
        }
        else
        {
            AudioCaptureLog.Lost(_logger, session, reason ?? fault.Message, delay.TotalSeconds);
        }

        Publish();
        if (armNow)
        {
            ArmRetry(delay);
        }
    }

    private void ArmRetry(TimeSpan delay)
    {
        _retryTimer?.Dispose();
        _retryTimer = _time.CreateTimer(_ => OnRetry(), null, delay, Timeout.InfiniteTimeSpan);
    }

    // Changes are made under _lock and announced after it is released, in order (NotifyingLock).
    private void Publish()
    {
        var changed = _state != _policy.State || !ReferenceEquals(_fault, _policy.Fault);
        _fault = _policy.Fault;
        _state = _policy.State;
        _final = _policy.IsFinal;
        if (changed)
        {
            _lock.Post(new AudioSourceStateChangedEventArgs(_policy.State, _policy.Fault));
        }
    }
}
