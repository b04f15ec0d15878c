using EdgeService.Leds;
using Kws.Detection.Options;
using EdgeService.Detection;
using EdgeService.Gpio;
using Microsoft.Extensions.Logging;

namespace EdgeService.Gpio;

/// <summary>
/// Makes the service's <see cref="ILedDriver"/> from <see cref="LedOptions"/>: the GPIO driver on the chosen chip, or
/// the log-only driver (with a warning) when <c>Leds:Chip</c> is auto and the machine has no header GPIO chip (a
/// desktop), or (without warning) when LEDs are disabled. A configured chip that does not exist, a line out of range
/// or in use throw <see cref="GpioException"/> naming chip and line.
/// </summary>
internal sealed partial class LedDriverFactory
{
    private readonly IGpioChipEnumerator _chips;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<LedDriverFactory> _logger;

    /// <summary>Makes the factory.</summary>
    /// <param name="chips">The machine's GPIO chips (<see cref="DevGpioChipEnumerator"/> in the service).</param>
    /// <param name="loggerFactory">Loggers for the factory and the drivers.</param>
    public LedDriverFactory(IGpioChipEnumerator chips, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(chips);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _chips = chips;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<LedDriverFactory>();
    }

    /// <summary>Opens the LEDs: all off on return. The GPIO driver is <see cref="IDisposable"/> (dispose it at stop).</summary>
    /// <param name="options">The LED settings (validated here: <see cref="ArgumentException"/> lists the problems).</param>
    public ILedDriver Create(LedOptions options)
    {
        OptionsGuard.ThrowIfInvalid(options, "LED options (section Leds)");
        if (!options.Enabled)
        {
            LogDisabled(_logger);
            return LogOnly();
        }

        var choice = GpioChipSelector.Select(options.Chip, _chips);
        if (choice.Path is null)
        {
            LogNoGpio(_logger, choice.Explanation);
            return LogOnly();
        }

        if (choice.Chip is { } chip && KnownHeaderChips.IsJetson(chip.Label)
            && string.Equals(options.Chip.Trim(), GpioChipSelector.Auto, StringComparison.OrdinalIgnoreCase)
            && options.UsesRaspberryPiDefaultLines())
        {
            // 17 and 27 are Raspberry Pi numbers: on a Tegra chip they are unrelated pins, which must not be driven by surprise.
            throw new GpioException(
                $"Leds:Chip=auto found a Jetson ({chip}), but Leds:Lines are the Raspberry Pi defaults (yes=17, no=27), which are other pins there. Set Leds:Lines for your board, e.g. on a Jetson Orin Nano header pins 11 and 13: yes=112, no=122 (see docs/GPIO.md).",
                chip.Path);
        }

        var leds = options.ResolveLines();
        if (leds.Count == 0)
        {
            LogNoLeds(_logger);
            return LogOnly();
        }

        var driver = GpioLedDriver.Open(choice.Path, leds, LedOptions.Consumer, _loggerFactory.CreateLogger<GpioLedDriver>());
        LogOpened(_logger, driver.Description, string.Join(", ", leds.Select(l => $"{l.Name}=line {l.Offset}{(l.ActiveLow ? " (active-low)" : "")}")), choice.Explanation);
        return driver;
    }

    private LogOnlyLedDriver LogOnly() => new(_loggerFactory.CreateLogger<LogOnlyLedDriver>());

    [LoggerMessage(EventId = 132, Level = LogLevel.Information, Message = "LEDs on {Where}: {Leds} ({Why})")]
    private static partial void LogOpened(ILogger logger, string where, string leds, string why);

    [LoggerMessage(EventId = 133, Level = LogLevel.Warning, Message = "No GPIO for the LEDs: {Why}. LED changes are only logged.")]
    private static partial void LogNoGpio(ILogger logger, string why);

    [LoggerMessage(EventId = 134, Level = LogLevel.Information, Message = "LEDs are disabled (Leds:Enabled is false); LED changes are only logged")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 135, Level = LogLevel.Warning, Message = "No LEDs are configured (every Leds:Lines entry is negative and there is no Leds:StatusLine); LED changes are only logged")]
    private static partial void LogNoLeds(ILogger logger);
}
