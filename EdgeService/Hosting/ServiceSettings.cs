using EdgeService.Audio;
using EdgeService.Leds;
using Kws.Detection.Composition;
using Kws.Detection.Model;
using Kws.Detection.Options;
using Kws.Detection.Pipeline;
using Microsoft.Extensions.Configuration;

namespace EdgeService.Hosting;

/// <summary>
/// Every options section of the service, bound once from <see cref="ServiceConfiguration"/> (<see cref="Load"/>),
/// checked for unknown keys and validated together; the host, the commands and the model swap all use this one object.
/// </summary>
/// <param name="Detection">Sections <c>Model</c>, <c>Pipeline</c>, <c>Gate</c> and <c>Smoother</c>.</param>
/// <param name="Audio">Section <c>Audio</c>.</param>
/// <param name="Leds">Section <c>Leds</c>.</param>
/// <param name="Stats">Section <c>Stats</c>.</param>
internal sealed record ServiceSettings(DetectionSettings Detection, AudioOptions Audio, LedOptions Leds, StatsOptions Stats)
{
    /// <summary>The sections free of our checks: read by the logging library with its own keys.</summary>
    public const string LoggingSection = "Logging";

    /// <summary>Every key the service takes, one options class per section.</summary>
    public static SettingsSchema Schema { get; } = DetectionSettings.AddTo(new SettingsSchema())
        .Add<AudioOptions>(AudioOptions.Section)
        .Add<LedOptions>(LedOptions.Section)
        .Add<StatsOptions>(StatsOptions.Section)
        .AddFree(LoggingSection);

    /// <summary>Section <c>Model</c>.</summary>
    public ModelOptions Model => Detection.Model;

    /// <summary>Section <c>Pipeline</c>.</summary>
    public PipelineOptions Pipeline => Detection.Pipeline;

    /// <summary>Section <c>Gate</c>.</summary>
    public EnergyGateOptions Gate => Detection.Gate;

    /// <summary>Section <c>Smoother</c>.</summary>
    public PosteriorSmootherOptions Smoother => Detection.Smoother;

    /// <summary>Builds the configuration from every source (<paramref name="commandLine"/> last) and loads the settings from it.</summary>
    /// <exception cref="ConfigurationException">An unknown key (with the nearest valid one), a value that cannot be converted, or an invalid setting.</exception>
    public static ServiceSettings Load(IReadOnlyList<string> commandLine) => From(ServiceConfiguration.Build(commandLine));

    /// <summary>Checks every key of <paramref name="config"/>, binds every section once and validates them all.</summary>
    /// <exception cref="ConfigurationException">An unknown key (with the nearest valid one), a value that cannot be converted, or an invalid setting.</exception>
    public static ServiceSettings From(IConfigurationRoot config)
    {
        Schema.ThrowIfUnknown(config, ServiceConfiguration.Describe);
        var settings = new ServiceSettings(
            DetectionSettings.Bind(config),
            SettingsBinder.Bind<AudioOptions>(config, AudioOptions.Section),
            SettingsBinder.Bind<LedOptions>(config, LedOptions.Section),
            SettingsBinder.Bind<StatsOptions>(config, StatsOptions.Section));
        SettingsBinder.ThrowIfInvalid([.. settings.Detection.Sections, settings.Audio, settings.Leds, settings.Stats]);
        return settings;
    }
}
