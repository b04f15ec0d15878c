using EdgeService.Detection;
using Microsoft.Extensions.Logging;

namespace EdgeService.Leds;

/// <summary>
/// <c>kws-edge leds test</c>: lights each configured LED in turn (keywords, then the status LED) for a step each,
/// logging what it does, so that the wiring can be checked by eye. Every LED is off before, between and after, also
/// when cancelled or when the driver fails.
/// </summary>
internal sealed partial class LedSelfTest
{
    private readonly ILedDriver _driver;
    private readonly LedOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LedSelfTest> _logger;

    /// <summary>Makes the test.</summary>
    /// <param name="driver">The LEDs.</param>
    /// <param name="options">Which LEDs there are and on which lines.</param>
    /// <param name="time">The clock for the steps.</param>
    /// <param name="logger">Where each step is logged.</param>
    public LedSelfTest(ILedDriver driver, LedOptions options, TimeProvider time, ILogger<LedSelfTest> logger)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _driver = driver;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The default time each LED stays lit: 500 ms.</summary>
    public static TimeSpan DefaultStep { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Lights each LED for <paramref name="step"/>, one after the other; returns how many LEDs were shown.</summary>
    /// <param name="step">How long each LED stays lit.</param>
    /// <param name="cancellationToken">Stops the test (every LED is then turned off and the task is cancelled).</param>
    public async Task<int> RunAsync(TimeSpan step, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        var leds = _options.ResolveLines();
        if (leds.Count == 0)
        {
            LogNoLeds(_logger);
            return 0;
        }

        try
        {
            _driver.AllOff();
            foreach (var led in leds)
            {
                LogLit(_logger, led.Name, led.Offset, led.ActiveLow ? "active-low" : "active-high", step.TotalMilliseconds);
                _driver.Set(led.Name, true);
                await Task.Delay(step, _time, cancellationToken).ConfigureAwait(false);
                _driver.Set(led.Name, false);
            }

            LogDone(_logger, leds.Count);
            return leds.Count;
        }
        finally
        {
            _driver.AllOff();
        }
    }

    [LoggerMessage(EventId = 140, Level = LogLevel.Information, Message = "LED \"{Name}\" on line {Line} ({Polarity}): on for {StepMs} ms")]
    private static partial void LogLit(ILogger logger, string name, int line, string polarity, double stepMs);

    [LoggerMessage(EventId = 141, Level = LogLevel.Information, Message = "LED test done: {Count} LEDs lit in turn, all off")]
    private static partial void LogDone(ILogger logger, int count);

    [LoggerMessage(EventId = 142, Level = LogLevel.Warning, Message = "No LEDs are configured (Leds:Lines is empty and there is no Leds:StatusLine)")]
    private static partial void LogNoLeds(ILogger logger);
}
