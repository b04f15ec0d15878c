using EdgeService.Audio;
using EdgeService.Leds;
using EdgeService.Model;
using EdgeService.Pipeline;
using Microsoft.Extensions.Configuration;

namespace EdgeService.Hosting;

/// <summary>Every options section of the service, bound from one configuration and validated together.</summary>
internal sealed record ServiceSettings(
    ModelOptions Model,
    AudioOptions Audio,
    PipelineOptions Pipeline,
    EnergyGateOptions Gate,
    PosteriorSmootherOptions Smoother,
    LedOptions Leds,
    StatsOptions Stats)
{
    /// <summary>Binds every section; throws <see cref="ConfigurationException"/> naming each bad setting.</summary>
    public static ServiceSettings From(IConfiguration config)
    {
        var settings = new ServiceSettings(
            ServiceConfiguration.Bind<ModelOptions>(config, ModelOptions.Section),
            ServiceConfiguration.Bind<AudioOptions>(config, AudioOptions.Section),
            ServiceConfiguration.Bind<PipelineOptions>(config, PipelineOptions.Section),
            ServiceConfiguration.Bind<EnergyGateOptions>(config, "Gate"),
            ServiceConfiguration.Bind<PosteriorSmootherOptions>(config, "Smoother"),
            ServiceConfiguration.Bind<LedOptions>(config, LedOptions.SectionName),
            ServiceConfiguration.Bind<StatsOptions>(config, StatsOptions.Section));
        var problems = new ISelfValidatingOptions[] { settings.Model, settings.Pipeline, settings.Gate, settings.Smoother, settings.Leds, settings.Stats }
            .SelectMany(o => o.Validate()).ToList();
        return problems.Count == 0 ? settings : throw new ConfigurationException(string.Join(" ", problems));
    }
}
