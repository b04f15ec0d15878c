using Kws.Detection.Options;
using Kws.Detection.Pipeline;
using Microsoft.Extensions.Logging;

namespace EdgeService.Leds;

/// <summary>
/// Lights a keyword's LED on each detection and turns it off <see cref="LedDetectionSinkOptions.OnMs"/> later (wall
/// clock, through the injected <see cref="TimeProvider"/>); a newer detection of the same keyword restarts the time.
/// Every LED goes off at <see cref="Dispose"/>. Driver calls are serialized by a lock (pipeline thread and timer
/// callbacks); driver failures are logged, never thrown.
/// </summary>
internal sealed partial class LedDetectionSink : IDetectionSink, IDisposable
{
    private readonly ILedDriver _driver;
    private readonly TimeProvider _time;
    private readonly TimeSpan _on;
    private readonly ILogger<LedDetectionSink> _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Led> _leds = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Makes the sink.</summary>
    /// <param name="driver">The LEDs.</param>
    /// <param name="time">The clock and timers (<see cref="TimeProvider.System"/> in the service).</param>
    /// <param name="options">How long an LED stays on (validated here).</param>
    /// <param name="logger">Where driver failures are reported.</param>
    public LedDetectionSink(ILedDriver driver, TimeProvider time, LedDetectionSinkOptions options, ILogger<LedDetectionSink> logger)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        OptionsGuard.ThrowIfInvalid(options, "LED options");
        _driver = driver;
        _time = time;
        _on = TimeSpan.FromMilliseconds(options.OnMs);
        _logger = logger;
    }

    /// <inheritdoc />
    public void OnDetection(in KeywordDetection detection)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (!_leds.TryGetValue(detection.Keyword, out var led))
            {
                led = new Led(detection.Keyword);
                led.Timer = _time.CreateTimer(static s => ((Led)s!).Owner!.OnTimer((Led)s), led, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                led.Owner = this;
                _leds.Add(detection.Keyword, led);
            }

            led.OnSince = _time.GetTimestamp();
            if (!led.IsOn)
            {
                led.IsOn = TrySet(led.Keyword, true);
            }

            led.Timer!.Change(_on, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stops the timers and turns every LED off. Later detections are ignored.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var led in _leds.Values)
            {
                led.Timer?.Dispose();
                led.IsOn = false;
            }

            try
            {
                _driver.AllOff();
            }
            catch (Exception e)
            {
                LogDriverFailed(_logger, e, "all", "off");
            }
        }
    }

    private void OnTimer(Led led)
    {
        lock (_lock)
        {
            if (_disposed || !led.IsOn)
            {
                return;
            }

            // A callback already on its way when a newer detection re-armed the timer comes early: re-arm for the rest.
            var remaining = _on - _time.GetElapsedTime(led.OnSince);
            if (remaining > TimeSpan.Zero)
            {
                led.Timer!.Change(remaining, Timeout.InfiniteTimeSpan);
                return;
            }

            TrySet(led.Keyword, false);
            led.IsOn = false; // even if the driver failed: the next detection tries to light it again
        }
    }

    private bool TrySet(string keyword, bool on)
    {
        try
        {
            _driver.Set(keyword, on);
            return true;
        }
        catch (Exception e)
        {
            LogDriverFailed(_logger, e, keyword, on ? "on" : "off");
            return false;
        }
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "LED driver failed to turn \"{Keyword}\" {State}")]
    private static partial void LogDriverFailed(ILogger logger, Exception exception, string keyword, string state);

    private sealed class Led(string keyword)
    {
        public string Keyword { get; } = keyword;

        public LedDetectionSink? Owner { get; set; }

        public ITimer? Timer { get; set; }

        public long OnSince { get; set; }

        public bool IsOn { get; set; }
    }
}
