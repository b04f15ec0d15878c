using Kws.Detection.Model;
using Kws.Detection.Options;
using Kws.Detection.Pipeline;
using Microsoft.Extensions.Configuration;

namespace Kws.Detection.Composition;

/// <summary>
/// The settings the detection pipeline is built from: the model, the hop and gain, the energy gate and the smoother
/// (sections <c>Model</c>, <c>Pipeline</c>, <c>Gate</c>, <c>Smoother</c>). The service binds them with its own
/// sections; tools bind them from <c>--Section:Key=value</c> arguments alone (<see cref="FromArguments"/>).
/// </summary>
/// <param name="Model">Section <c>Model</c>.</param>
/// <param name="Pipeline">Section <c>Pipeline</c>.</param>
/// <param name="Gate">Section <c>Gate</c>.</param>
/// <param name="Smoother">Section <c>Smoother</c>.</param>
public sealed record DetectionSettings(ModelOptions Model, PipelineOptions Pipeline, EnergyGateOptions Gate, PosteriorSmootherOptions Smoother)
{
    /// <summary>Every section with its defaults.</summary>
    public static DetectionSettings Defaults => new(new ModelOptions(), new PipelineOptions(), new EnergyGateOptions(), new PosteriorSmootherOptions());

    /// <summary>The four sections, each an options object that validates itself.</summary>
    public IReadOnlyList<ISelfValidatingOptions> Sections => [Model, Pipeline, Gate, Smoother];

    /// <summary>Adds the four sections to <paramref name="schema"/>.</summary>
    public static SettingsSchema AddTo(SettingsSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema
            .Add<ModelOptions>(ModelOptions.Section)
            .Add<PipelineOptions>(PipelineOptions.Section)
            .Add<EnergyGateOptions>(EnergyGateOptions.Section)
            .Add<PosteriorSmootherOptions>(PosteriorSmootherOptions.Section);
    }

    /// <summary>Binds the four sections of <paramref name="config"/> (not validated; see <see cref="SettingsBinder.ThrowIfInvalid"/>).</summary>
    /// <exception cref="ConfigurationException">A value cannot be converted.</exception>
    public static DetectionSettings Bind(IConfiguration config) => new(
        SettingsBinder.Bind<ModelOptions>(config, ModelOptions.Section),
        SettingsBinder.Bind<PipelineOptions>(config, PipelineOptions.Section),
        SettingsBinder.Bind<EnergyGateOptions>(config, EnergyGateOptions.Section),
        SettingsBinder.Bind<PosteriorSmootherOptions>(config, PosteriorSmootherOptions.Section));

    /// <summary>
    /// The settings given as <c>--Section:Key=value</c> arguments over the defaults, for tools that replay audio the
    /// way the service would (the trainer's stream evaluation and soak, the benchmarks): bound, checked for unknown
    /// keys and validated.
    /// </summary>
    /// <exception cref="ConfigurationException">An unknown key, a value that cannot be converted or an invalid setting, named.</exception>
    public static DetectionSettings FromArguments(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var config = new ConfigurationBuilder().AddCommandLine([.. arguments]).Build();
        AddTo(new SettingsSchema()).ThrowIfUnknown(config, (_, key) => $"--{key}");
        var settings = Bind(config);
        SettingsBinder.ThrowIfInvalid(settings.Sections);
        return settings;
    }
}
