using EdgeService.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EdgeService.Cli;

/// <summary>Console logging for the one-shot commands (leds), in the service's format.</summary>
internal static class CliLogging
{
    /// <summary>A logger factory writing to the console (journal format under systemd).</summary>
    public static ILoggerFactory Factory { get; } = LoggerFactory.Create(b => Hosting.ServiceHost.ConfigureLogging(b, new ConfigurationBuilder().Build(), toStandardError: false));
}
