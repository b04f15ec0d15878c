using Kws.Detection.Options;
using Kws.Detection.Pipeline;
using EdgeService.Detection;
using Microsoft.Extensions.Logging;

namespace EdgeService.Leds;

/// <summary>
/// The optional status LED: a slow heartbeat (<see cref="LedOptions.HeartbeatOnMs"/> on every
/// <see cref="LedOptions.HeartbeatPeriodMs"/>) while the audio source is healthy, steady on while it fails, off when
/// stopped. Told the source's state by <see cref="SetSourceHealthy"/> or <see cref="SetSourceState"/> (any thread);
/// timed by the injected <see cref="TimeProvider"/>. It drives the LED named <see cref="LedOptions.StatusLedName"/> of
/// the shared <see cref="ILedDriver"/>, and does nothing when <see cref="LedOptions.StatusLine"/> is not set or the
/// driver is the log-only one (a heartbeat in the log would only fill it). Driver failures are logged, never thrown.
/// </summary>
internal sealed partial class StatusLed : IDisposable
{
    private readonly ILedDriver _driver;
    private readonly TimeProvider _time;
    private readonly ILogger<StatusLed> _logger;
    private readonly TimeSpan _on;
    private readonly TimeSpan _off;
    private readonly Lock _lock = new();
    private readonly ITimer? _timer;
    private long _phaseStart;
    private TimeSpan _phase;
    private bool _lit;
    private bool _failing;
    private bool _disposed;

    /// <summary>Makes the status LED (dark until told the source's state).</summary>
    /// <param name="driver">The LEDs (shared with the detection sink).</param>
    /// <param name="time">The clock and timers.</param>
    /// <param name="options">The status line and heartbeat timing (validated here).</param>
    /// <param name="logger">Where driver failures go.</param>
    public StatusLed(ILedDriver driver, TimeProvider time, LedOptions options, ILogger<StatusLed> logger)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        OptionsGuard.ThrowIfInvalid(options, "LED options");
        _driver = driver;
        _time = time;
        _logger = logger;
        _on = TimeSpan.FromMilliseconds(options.HeartbeatOnMs);
        _off = TimeSpan.FromMilliseconds(options.HeartbeatPeriodMs - options.HeartbeatOnMs);
        IsActive = options.Enabled && options.StatusLine is not null && driver is not LogOnlyLedDriver;
        if (IsActive)
        {
            _timer = time.CreateTimer(static s => ((StatusLed)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>True when there is a status LED to drive.</summary>
    public bool IsActive { get; }

    /// <summary>What it shows now.</summary>
    public StatusLedMode Mode { get; private set; }

    /// <summary>Heartbeat when <paramref name="healthy"/> (audio flowing), steady on when not (source failing).</summary>
    /// <param name="healthy">The audio source's health.</param>
    public void SetSourceHealthy(bool healthy) => Show(healthy ? StatusLedMode.Heartbeat : StatusLedMode.Steady);

    /// <summary>Maps a source state: Running = heartbeat, Faulted = steady, Stopped and Completed = off.</summary>
    /// <param name="state">The audio source's state (e.g. from <see cref="IAudioSource.StateChanged"/>).</param>
    public void SetSourceState(AudioSourceState state) => Show(state switch
    {
        AudioSourceState.Running => StatusLedMode.Heartbeat,
        AudioSourceState.Faulted => StatusLedMode.Steady,
        _ => StatusLedMode.Off,
    });

    /// <summary>Turns the status LED off (until told a state again).</summary>
    public void TurnOff() => Show(StatusLedMode.Off);

    /// <summary>Stops the heartbeat and turns the LED off. Later calls are ignored.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            Mode = StatusLedMode.Off;
            _timer?.Dispose();
            if (IsActive)
            {
                Light(false);
            }

            _disposed = true;
        }
    }

    private void Show(StatusLedMode mode)
    {
        lock (_lock)
        {
            if (_disposed || mode == Mode)
            {
                return;
            }

            Mode = mode;
            if (!IsActive)
            {
                return;
            }

            _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Light(mode != StatusLedMode.Off);
            if (mode == StatusLedMode.Heartbeat)
            {
                Arm(_on);
            }
        }
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            if (_disposed || Mode != StatusLedMode.Heartbeat)
            {
                return;
            }

            // A callback already on its way when the phase was restarted comes early: wait for the rest.
            var remaining = _phase - _time.GetElapsedTime(_phaseStart);
            if (remaining > TimeSpan.Zero)
            {
                _timer!.Change(remaining, Timeout.InfiniteTimeSpan);
                return;
            }

            bool next = !_lit;
            Light(next);
            Arm(next ? _on : _off);
        }
    }

    private void Arm(TimeSpan phase)
    {
        _phaseStart = _time.GetTimestamp();
        _phase = phase;
        _timer!.Change(phase, Timeout.InfiniteTimeSpan);
    }

    private void Light(bool on)
    {
        _lit = on; // the heartbeat keeps its rhythm even if one write fails
        try
        {
            _driver.Set(LedOptions.StatusLedName, on);
            _failing = false;
        }
        catch (Exception e)
        {
            if (!_failing)
            {
                LogDriverFailed(_logger, e, on ? "on" : "off");
            }

            _failing = true; // one warning per run of failures, not one per heartbeat
        }
    }

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "Status LED driver failed to turn the LED {State}")]
    private static partial void LogDriverFailed(ILogger logger, Exception exception, string state);
}
