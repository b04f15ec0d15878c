using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace EdgeService.Hosting;

/// <summary>
/// Where settings come from, later sources overriding earlier ones: appsettings.json next to the program,
/// /etc/kws-edge/appsettings.json (or the file named by KWS_CONFIG), environment variables prefixed KWS_
/// (<c>KWS_Audio__Source=stdin</c>), and the command line (<c>--Audio:Source=stdin</c>). <see cref="ServiceSettings.From"/>
/// binds them once.
/// </summary>
internal static class ServiceConfiguration
{
    /// <summary>The system-wide settings file the install script writes.</summary>
    public const string EtcPath = "/etc/kws-edge/appsettings.json";

    /// <summary>The prefix of the environment variables that are settings.</summary>
    public const string EnvironmentPrefix = "KWS_";

    /// <summary>Builds the configuration from every source, with <paramref name="commandLine"/> last.</summary>
    public static IConfigurationRoot Build(IReadOnlyList<string> commandLine)
    {
        var config = new ConfigurationManager();
        config.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        var etc = Environment.GetEnvironmentVariable("KWS_CONFIG") is { Length: > 0 } path ? path : EtcPath;
        config.AddJsonFile(etc, optional: true, reloadOnChange: false);
        config.AddEnvironmentVariables(EnvironmentPrefix);
        config.AddCommandLine(commandLine.ToArray());
        return config;
    }

    /// <summary>Where <paramref name="key"/> was set, in the words a user would look for it.</summary>
    public static string Describe(IConfigurationProvider? provider, string key) => provider switch
    {
        CommandLineConfigurationProvider => $"command line --{key}",
        EnvironmentVariablesConfigurationProvider => $"environment variable {EnvironmentPrefix}{key.Replace(":", "__", StringComparison.Ordinal)}",
        JsonConfigurationProvider json => $"settings file {json.Source.FileProvider?.GetFileInfo(json.Source.Path ?? "").PhysicalPath ?? json.Source.Path}",
        _ => $"setting {key}",
    };
}
