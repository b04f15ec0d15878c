using Kws.Audio;
using EdgeService.Health;
using Kws.Detection.Composition;
using Kws.Detection.Pipeline;
using System.Net.Sockets;
using EdgeService.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeService.Systemd;

/// <summary>
/// Tells systemd how the service is doing (sd_notify, without libsystemd), when <c>NOTIFY_SOCKET</c> is set:
/// <list type="bullet">
/// <item><c>READY=1</c> once audio flows through the pipeline (<see cref="ServiceHealth.AudioFlowing"/>), or once a
/// microphone source reports a fault it recovers from by itself (the service is up and waiting for the device),
/// checked every <see cref="ReadyPoll"/>.</item>
/// <item><c>WATCHDOG=1</c> every half <c>WATCHDOG_USEC</c>, but only when the sample clock
/// (<see cref="ServiceHealth.Samples"/>) advanced since the last check, or while such a recoverable fault is being
/// retried. A source or pipeline that hangs stops the pings, and systemd restarts the service.</item>
/// <item><c>STATUS=</c> with every check: listening/stalled/failing, seconds of audio, detections, the latest one.</item>
/// <item><c>STOPPING=1</c> as soon as the host begins to stop.</item>
/// </list>
/// Without <c>NOTIFY_SOCKET</c> it does nothing at all. Timers run on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class SystemdNotifyService : IHostedLifecycleService, IDisposable
{
    /// <summary>How often readiness is checked before READY=1.</summary>
    public static readonly TimeSpan ReadyPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Time between status updates when systemd runs no watchdog.</summary>
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(10);

    private readonly SystemdEnvironment _environment;
    private readonly ServiceHealth _health;
    private readonly IAudioSource _source;
    private readonly DetectionTally _tally;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _sendLock = new();
    private readonly CancellationTokenSource _stop = new();
    private NotifySocket? _socket;
    private PeriodicTimer? _readyTimer;
    private PeriodicTimer? _checkTimer;
    private Task _loop = Task.CompletedTask;
    private bool _stopping;
    private bool _sendFailed;
    private long _lastSamples = -1;
    private long _lastProgress;

    /// <summary>Makes the service; nothing is sent before <see cref="StartAsync"/>.</summary>
    /// <param name="environment">NOTIFY_SOCKET and WATCHDOG_USEC as read at start.</param>
    /// <param name="health">The pipeline's progress on the sample clock.</param>
    /// <param name="source">The audio source, for its state and fault.</param>
    /// <param name="tally">Detections for the status line.</param>
    /// <param name="time">The clock of every timer here.</param>
    /// <param name="logger">Debug lines, and one warning if the socket stops taking messages.</param>
    public SystemdNotifyService(SystemdEnvironment environment, ServiceHealth health, IAudioSource source, DetectionTally tally, TimeProvider time, ILogger<SystemdNotifyService> logger)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _environment = environment;
        _health = health;
        _source = source;
        _tally = tally;
        _time = time;
        _logger = logger;
    }

    /// <summary>The time between checks (and watchdog pings): half the watchdog interval, else <see cref="StatusInterval"/>.</summary>
    public TimeSpan CheckInterval => _environment.WatchdogInterval is { } w ? w / 2 : StatusInterval;

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Opens the socket and starts the timers (both armed here, before any message, so their phase is fixed).</summary>
    /// <param name="cancellationToken">Unused: starting does not wait.</param>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_environment.NotifySocket is not { } address)
        {
            LogOff(_logger);
            return Task.CompletedTask;
        }

        _socket = new NotifySocket(address);
        _readyTimer = new PeriodicTimer(ReadyPoll, _time);
        _checkTimer = new PeriodicTimer(CheckInterval, _time);
        _lastProgress = _time.GetTimestamp();
        LogOn(_logger, address, _environment.WatchdogInterval?.TotalSeconds ?? 0);
        Send("STATUS=" + ServiceStatus.WaitingForAudio);
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends STOPPING=1 (once), before any hosted service stops, and ends the checks.</summary>
    /// <param name="cancellationToken">Unused: sending does not wait.</param>
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (_socket is null)
        {
            return Task.CompletedTask;
        }

        _stop.Cancel();
        lock (_sendLock)
        {
            if (!_stopping)
            {
                Send("STOPPING=1\nSTATUS=" + ServiceStatus.Stopping);
                _stopping = true;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits for the check loop to end.</summary>
    /// <param name="cancellationToken">Gives up waiting.</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await StoppingAsync(cancellationToken).ConfigureAwait(false);
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _readyTimer?.Dispose();
        _checkTimer?.Dispose();
        lock (_sendLock)
        {
            _stopping = true;
            _socket?.Dispose();
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken token)
    {
        try
        {
            while (!IsReady())
            {
                await _readyTimer!.WaitForNextTickAsync(token).ConfigureAwait(false);
            }

            _readyTimer!.Dispose();
            _lastSamples = _health.Samples;
            _lastProgress = _time.GetTimestamp();
            Send("READY=1\nSTATUS=" + Status(TimeSpan.Zero));
            LogReady(_logger);
            while (await _checkTimer!.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                Check();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private bool IsReady() => _health.AudioFlowing || Recovering();

    private bool Recovering() => _source.State == AudioSourceState.Faulted && _source.RecoversFromFaults;

    private void Check()
    {
        var samples = _health.Samples;
        var progressed = samples > _lastSamples;
        if (progressed)
        {
            _lastSamples = samples;
            _lastProgress = _time.GetTimestamp();
        }

        var alive = progressed || Recovering();
        var status = "STATUS=" + Status(progressed ? TimeSpan.Zero : _time.GetElapsedTime(_lastProgress));
        Send(alive && _environment.WatchdogInterval is not null ? "WATCHDOG=1\n" + status : status);
    }

    private string Status(TimeSpan stalledFor) => ServiceStatus.Format(
        Math.Max(0, _health.Samples) / (double)PipelineAudio.SampleRateHz,
        _tally.Count,
        _tally.Last,
        stalledFor,
        Recovering() ? _source.Fault?.Message ?? "unknown error" : null);

    private void Send(string message)
    {
        lock (_sendLock)
        {
            if (_stopping || _socket is null)
            {
                return;
            }

            try
            {
                _socket.Send(message);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (!_sendFailed)
                {
                    _sendFailed = true;
                    LogSendFailed(_logger, _socket.Address, e.Message);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "systemd notifications off: NOTIFY_SOCKET is not set")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "systemd notifications to {Socket}; watchdog {WatchdogS} s (0: none)")]
    private static partial void LogOn(ILogger logger, string socket, double watchdogS);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Told systemd READY=1: audio is flowing")]
    private static partial void LogReady(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "systemd notification to {Socket} failed ({Reason}); without watchdog pings systemd may restart the service")]
    private static partial void LogSendFailed(ILogger logger, string socket, string reason);
}
