using Microsoft.Extensions.Logging;

namespace EdgeService.Leds;

/// <summary>An <see cref="ILedDriver"/> without hardware: it logs each LED change (the default until GPIO is configured).</summary>
/// <param name="logger">Where the lines go.</param>
internal sealed partial class LogOnlyLedDriver(ILogger<LogOnlyLedDriver> logger) : ILedDriver
{
    /// <inheritdoc />
    public void Set(string keyword, bool on) => LogLed(logger, keyword, on ? "on" : "off");

    /// <inheritdoc />
    public void AllOff() => LogAllOff(logger);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "LED \"{Keyword}\" {State}")]
    private static partial void LogLed(ILogger logger, string keyword, string state);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "All LEDs off")]
    private static partial void LogAllOff(ILogger logger);
}
