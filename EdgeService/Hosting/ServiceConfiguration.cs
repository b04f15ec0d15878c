using Microsoft.Extensions.Configuration;

namespace EdgeService.Hosting;

/// <summary>
/// Where settings come from, later sources overriding earlier ones: appsettings.json next to the program,
/// /etc/kws-edge/appsettings.json (or the file named by KWS_CONFIG), environment variables prefixed KWS_
/// (<c>KWS_Audio__Source=stdin</c>), and the command line (<c>--Audio:Source=stdin</c>).
/// </summary>
internal static class ServiceConfiguration
{
    /// <summary>The system-wide settings file the install script writes.</summary>
    public const string EtcPath = "/etc/kws-edge/appsettings.json";

    /// <summary>Builds the configuration from every source, with <paramref name="commandLine"/> last.</summary>
    public static ConfigurationManager Build(IReadOnlyList<string> commandLine)
    {
        var config = new ConfigurationManager();
        config.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        var etc = Environment.GetEnvironmentVariable("KWS_CONFIG") is { Length: > 0 } path ? path : EtcPath;
        config.AddJsonFile(etc, optional: true, reloadOnChange: false);
        config.AddEnvironmentVariables("KWS_");
        config.AddCommandLine(commandLine.ToArray());
        return config;
    }

    /// <summary>
    /// Binds section <paramref name="section"/> to a new <typeparamref name="T"/>; a value that cannot be converted
    /// becomes a <see cref="ConfigurationException"/> naming the key and the value.
    /// </summary>
    public static T Bind<T>(IConfiguration config, string section)
        where T : class, new()
    {
        try
        {
            return config.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationException(e.Message);
        }
    }
}
