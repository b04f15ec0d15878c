using EdgeService.Leds;
using Kws.Detection.Pipeline;
using System.CommandLine;
using EdgeService.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeService.Cli;

/// <summary><c>kws-edge run</c>: the always-on service, until SIGTERM/Ctrl+C or the end of a finite source.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Run the always-on keyword spotter (the default when no command is given).");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(Execute);
        return command;
    }

    /// <summary>Builds and runs the host; exit code 0 on a clean stop.</summary>
    public static int Execute(ParseResult parse) => EdgeErrors.Guard(() =>
    {
        // Fail fast, with one clear line, on bad settings or a bad model: the settings are loaded and checked once,
        // and the model and source resolved before the host starts (the host would log a stack trace).
        var config = ServiceConfiguration.Build(EdgeCli.Overrides(parse));
        var settings = ServiceSettings.From(config);
        using var host = ServiceHost.Build(settings, config, parse.GetValue(EdgeCli.Json));
        host.Services.GetRequiredService<DetectionPipeline>();
        host.Services.GetRequiredService<IAudioSource>();
        host.Services.GetRequiredService<ILedDriver>();
        var failure = host.Services.GetRequiredService<ServiceFailure>(); // Run disposes the host's services
        host.Run();
        failure.ThrowIfFailed(); // a fault inside the host: one line, exit 2 or 1
        return Environment.ExitCode;
    });
}
