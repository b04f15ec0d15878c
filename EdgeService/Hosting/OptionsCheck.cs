using EdgeService.Pipeline;

namespace EdgeService.Hosting;

/// <summary>Validates options outside the host (the detect and classify commands), throwing one <see cref="ConfigurationException"/> that lists every problem.</summary>
internal static class OptionsCheck
{
    public static T Valid<T>(T options)
        where T : ISelfValidatingOptions
    {
        var problems = options.Validate();
        return problems.Count == 0 ? options : throw new ConfigurationException(string.Join(" ", problems));
    }
}
