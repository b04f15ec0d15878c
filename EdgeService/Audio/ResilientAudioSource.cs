using EdgeService.Pipeline;
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
/// disposed on a thread of its own (<see cref="SessionCloser"/>), because a native stop waits for the driver, which
/// waits for a device whose clock stopped. A stream not closed by the deadline is abandoned: from the health check the
/// state becomes Faulted with an <see cref="AudioStreamAbandonedException"/> naming the device, and the fault is final
/// (<see cref="RecoversFromFaults"/> turns false), since PortAudio cannot be reopened while a call is stuck in it; the
/// host then exits non-zero and its supervisor restarts it. From <see cref="Stop"/> it is only logged. A fault that
/// retrying cannot fix (the library gone) is final as well.
/// </para>
/// Only a missing PortAudio library, bad settings, or a stream abandoned by an earlier start make <see cref="Start"/>
/// throw. Input overflows are counted by the stream and logged here, at most once per OverflowLogIntervalMs.
/// Statistics: <see cref="Statistics"/>.
/// </summary>
internal sealed class ResilientAudioSource : IAudioSource
{
    private readonly ICaptureOpener _opener;
    private readonly AudioCaptureOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RetryBackoff _backoff;
    private readonly Lock _lock = new();

    private IAudioRingBuffer? _target;
    private ICaptureSession? _session;
    private SessionWriteGate? _gate;
    private ITimer? _healthTimer;
    private ITimer? _retryTimer;
    private volatile AudioSourceState _state = AudioSourceState.Stopped;
    private volatile Exception? _fault;
    private volatile bool _final;

    // Guarded by _lock.
    private long _framesBefore;
    private long _overflowsBefore;
    private long _overflowsLogged;
    private DateTimeOffset _lastOverflowLog;
    private long _lastFrames;
    private DateTimeOffset _lastProgress;
    private int _failedAttempts;
    private int _reconnects;
    private int _faults;
    private bool _hadSession;
    private SessionCloser? _closing;
    private string? _closingReason;
    private TimeSpan? _retryAfterClose;
    private bool _abandoned;

    /// <summary>Makes the source; nothing is opened before <see cref="Start"/>.</summary>
    /// <param name="opener">Opens the device (e.g. <see cref="PortAudio.PortAudioCaptureOpener"/>).</param>
    /// <param name="options">The capture settings (output rate, retry, stall and logging intervals).</param>
    /// <param name="timeProvider">The clock and timers (<see cref="TimeProvider.System"/> in the service).</param>
    /// <param name="logger">Where capture events are logged (never from the audio callback).</param>
    public ResilientAudioSource(ICaptureOpener opener, AudioCaptureOptions options, TimeProvider timeProvider, ILogger<ResilientAudioSource> logger)
    {
        ArgumentNullException.ThrowIfNull(opener);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        OptionsGuard.ThrowIfInvalid(options, "audio capture options");
        _opener = opener;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _backoff = new RetryBackoff(TimeSpan.FromMilliseconds(options.RetryInitialDelayMs), TimeSpan.FromMilliseconds(options.RetryMaxDelayMs));
        Format = new AudioFormat(options.OutputSampleRateHz, 1, SampleType.Float32);
    }

    /// <inheritdoc />
    public event EventHandler<AudioSourceStateChangedEventArgs>? StateChanged;

    /// <inheritdoc />
    public AudioFormat Format { get; }

    /// <inheritdoc />
    public AudioSourceState State => _state;

    /// <inheritdoc />
    public Exception? Fault => _fault;

    /// <summary>True (faults are retried) until a fault retrying cannot fix: a stream abandoned because it could not be closed, or a missing library.</summary>
    public bool RecoversFromFaults => !_final;

    /// <summary>A snapshot of the counters for the statistics line; safe from any thread.</summary>
    public AudioCaptureStatistics Statistics
    {
        get
        {
            lock (_lock)
            {
                var session = _session;
                return new AudioCaptureStatistics(
                    _state,
                    session?.Description,
                    _framesBefore + (session?.CapturedFrames ?? 0),
                    _overflowsBefore + (session?.InputOverflows ?? 0),
                    _reconnects,
                    _faults,
                    _fault?.Message);
            }
        }
    }

    /// <inheritdoc />
    public void Start(IAudioRingBuffer target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_lock)
        {
            if (_target is not null)
            {
                throw new InvalidOperationException("The audio capture is already started.");
            }

            if (target.SampleRateHz != Format.SampleRateHz)
            {
                throw new ArgumentException($"The ring buffer runs at {target.SampleRateHz} Hz; capture writes {Format.SampleRateHz} Hz.", nameof(target));
            }

            if (_abandoned)
            {
                throw new InvalidOperationException("Audio capture cannot start again in this process: an earlier stream could not be closed and is still stuck in the audio driver.");
            }

            _final = false;
            _backoff.Reset();
            _failedAttempts = 0;
            _hadSession = false;
            _lastOverflowLog = _time.GetUtcNow();
            try
            {
                OpenSession(target);
            }
            catch (AudioDeviceUnavailableException e)
            {
                _target = target;
                Failed(e, session: null);
            }

            _target = target;
            var interval = TimeSpan.FromMilliseconds(_options.HealthCheckIntervalMs);
            _healthTimer = _time.CreateTimer(_ => OnHealthCheck(), null, interval, interval);
        }
    }

    /// <summary>
    /// Stops capture: no sample is written into the ring buffer once this returns. Waits for the stream to close, at
    /// most CloseTimeoutMs (of the injected clock); a stream still stuck then is abandoned and logged. Idempotent.
    /// </summary>
    public void Stop()
    {
        SessionCloser? closing;
        lock (_lock)
        {
            _healthTimer?.Dispose();
            _healthTimer = null;
            _retryTimer?.Dispose();
            _retryTimer = null;
            _retryAfterClose = null;
            _target = null;
            closing = _session is not null ? BeginClose("the capture was stopped") : _closing;
        }

        closing?.WaitSettled();
        lock (_lock)
        {
            SetState(AudioSourceState.Stopped, null);
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
        SessionCloser? closing;
        lock (_lock)
        {
            closing = _closing;
        }

        return closing is null || closing.WaitSettled(timeout);
    }

    private void OpenSession(IAudioRingBuffer target)
    {
        var gate = new SessionWriteGate(target);
        var session = _opener.Open(gate);
        _gate = gate;
        _session = session;
        _lastFrames = session.CapturedFrames;
        _lastProgress = _time.GetUtcNow();
        if (_hadSession)
        {
            _reconnects++;
            AudioCaptureLog.Reconnected(_logger, _failedAttempts, session.Description);
        }
        else
        {
            AudioCaptureLog.Capturing(_logger, session.Description);
        }

        _hadSession = true;
        _failedAttempts = 0;
        _backoff.Reset();
        SetState(AudioSourceState.Running, null);
    }

    private void OnHealthCheck()
    {
        lock (_lock)
        {
            if (_target is null || _session is not { } session)
            {
                return;
            }

            var now = _time.GetUtcNow();
            ReportOverflows(session, now);
            var reason = session.FailureReason;
            var frames = session.CapturedFrames;
            if (frames != _lastFrames)
            {
                _lastFrames = frames;
                _lastProgress = now;
            }
            else if (reason is null && now - _lastProgress >= TimeSpan.FromMilliseconds(_options.StallTimeoutMs))
            {
                reason = $"no audio arrived for {(now - _lastProgress).TotalSeconds:0.#} s";
            }

            if (reason is not null)
            {
                var description = session.Description;
                ReportOverflows(session, now, force: true);
                BeginClose(reason);
                Failed(new AudioDeviceUnavailableException($"Audio input {description} was lost: {reason}."), description, reason);
            }
        }
    }

    private void OnRetry()
    {
        lock (_lock)
        {
            if (_target is not { } target || _session is not null || _closing is not null || _final)
            {
                return;
            }

            try
            {
                OpenSession(target);
            }
            catch (AudioDeviceUnavailableException e)
            {
                Failed(e, session: null);
            }
            catch (Exception e)
            {
                // Not a device problem (library gone, bad settings): retrying will not help.
                _final = true;
                _faults++;
                AudioCaptureLog.GaveUp(_logger, e.Message, e);
                SetState(AudioSourceState.Faulted, e);
            }
        }
    }

    private void Failed(Exception fault, string? session, string? reason = null)
    {
        _faults++;
        _failedAttempts++;
        var delay = _backoff.Next();
        if (session is null)
        {
            AudioCaptureLog.Unavailable(_logger, fault.Message, delay.TotalSeconds);
        }
        else
        {
            AudioCaptureLog.Lost(_logger, session, reason ?? fault.Message, delay.TotalSeconds);
        }

        SetState(AudioSourceState.Faulted, fault);
        if (_closing is null)
        {
            ArmRetry(delay);
        }
        else
        {
            _retryAfterClose = delay; // armed once the old stream is closed: two streams on one device never overlap
        }
    }

    private void ArmRetry(TimeSpan delay)
    {
        _retryTimer?.Dispose();
        _retryTimer = _time.CreateTimer(_ => OnRetry(), null, delay, Timeout.InfiniteTimeSpan);
    }

    private void ReportOverflows(ICaptureSession session, DateTimeOffset now, bool force = false)
    {
        var total = _overflowsBefore + session.InputOverflows;
        var since = now - _lastOverflowLog;
        if (total > _overflowsLogged && (force || since >= TimeSpan.FromMilliseconds(_options.OverflowLogIntervalMs)))
        {
            AudioCaptureLog.Overflows(_logger, total - _overflowsLogged, since.TotalSeconds, total);
            _overflowsLogged = total;
            _lastOverflowLog = now;
        }
    }

    /// <summary>Shuts the session's gate and starts closing it on a thread of its own (under the lock).</summary>
    private SessionCloser BeginClose(string reason)
    {
        var session = _session!;
        _session = null;
        _gate!.Close();
        _gate = null;
        _framesBefore += session.CapturedFrames;
        _overflowsBefore += session.InputOverflows;
        _closingReason = reason;
        _closing = SessionCloser.Start(session, TimeSpan.FromMilliseconds(_options.CloseTimeoutMs), _time, OnCloseChanged);
        return _closing;
    }

    /// <summary>The closing thread or the deadline timer reports how the close went.</summary>
    private void OnCloseChanged(SessionCloser closer, SessionCloseOutcome outcome)
    {
        lock (_lock)
        {
            var device = closer.Session.Description;
            switch (outcome)
            {
                case SessionCloseOutcome.Closed:
                    _closing = null;
                    if (closer.Error is { } error)
                    {
                        AudioCaptureLog.CloseFailed(_logger, device, error.Message, error);
                    }

                    if (_target is not null && _retryAfterClose is { } delay)
                    {
                        _retryAfterClose = null;
                        ArmRetry(delay);
                    }

                    break;

                case SessionCloseOutcome.Abandoned:
                    _closing = null;
                    _abandoned = true;
                    _retryAfterClose = null;
                    _retryTimer?.Dispose();
                    _retryTimer = null;
                    _healthTimer?.Dispose();
                    _healthTimer = null;
                    if (_target is null)
                    {
                        AudioCaptureLog.AbandonedAtStop(_logger, device, _options.CloseTimeoutMs);
                    }
                    else
                    {
                        // The host reports a final fault (one error line) and exits; nothing is logged here twice.
                        _final = true;
                        _faults++;
                        SetState(AudioSourceState.Faulted, new AudioStreamAbandonedException(device, _closingReason ?? "it failed", _options.CloseTimeoutMs));
                    }

                    break;

                case SessionCloseOutcome.ClosedLate:
                    AudioCaptureLog.ClosedLate(_logger, device, closer.Took?.TotalMilliseconds ?? 0);
                    break;
            }
        }
    }

    private void SetState(AudioSourceState state, Exception? fault)
    {
        var changed = _state != state || !ReferenceEquals(_fault, fault);
        _fault = fault;
        _state = state;
        if (changed)
        {
            StateChanged?.Invoke(this, new AudioSourceStateChangedEventArgs(state, fault));
        }
    }
}
