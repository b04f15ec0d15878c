using EdgeService.Pipeline;
using Kws.Audio;
using Microsoft.Extensions.Logging;

namespace EdgeService.Audio;

/// <summary>
/// The live-capture <see cref="IAudioSource"/>: opens a stream through an <see cref="ICaptureOpener"/> and keeps it
/// alive. A timer (the injected <see cref="TimeProvider"/>) checks the stream every HealthCheckIntervalMs: a stream that
/// stopped, reports an error, or delivered no audio for StallTimeoutMs is closed, the state becomes
/// <see cref="AudioSourceState.Faulted"/> (with the reason in <see cref="Fault"/>), and it is reopened after a back-off
/// (RetryInitialDelayMs doubling up to RetryMaxDelayMs) until the device is back; then the state is
/// <see cref="AudioSourceState.Running"/> again and audio goes on into the same ring buffer (the gap is simply missing
/// from the sample clock). Starting with no device present is handled the same way (Faulted, then retries), so
/// unlike other sources, Faulted is not final here. Only a missing PortAudio library or bad settings make
/// <see cref="Start"/> throw. Input overflows are counted by the stream and logged here, at most once per
/// OverflowLogIntervalMs. Statistics: <see cref="Statistics"/>.
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
    private ITimer? _healthTimer;
    private ITimer? _retryTimer;
    private volatile AudioSourceState _state = AudioSourceState.Stopped;
    private volatile Exception? _fault;

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

    /// <inheritdoc />
    public bool RecoversFromFaults => true;

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

    /// <inheritdoc />
    public void Stop()
    {
        lock (_lock)
        {
            _healthTimer?.Dispose();
            _healthTimer = null;
            _retryTimer?.Dispose();
            _retryTimer = null;
            CloseSession();
            _target = null;
            SetState(AudioSourceState.Stopped, null);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    private void OpenSession(IAudioRingBuffer target)
    {
        var session = _opener.Open(target);
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
                CloseSession();
                Failed(new AudioDeviceUnavailableException($"Audio input {description} was lost: {reason}."), description, reason);
            }
        }
    }

    private void OnRetry()
    {
        lock (_lock)
        {
            if (_target is not { } target || _session is not null)
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

    private void CloseSession()
    {
        if (_session is not { } session)
        {
            return;
        }

        _session = null;
        session.Dispose();
        _framesBefore += session.CapturedFrames;
        _overflowsBefore += session.InputOverflows;
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
