using EdgeService.Hosting;
using System.CommandLine;

namespace Trainer.StreamEval;

/// <summary>
/// The service's own settings for a run: <see cref="ServiceConfiguration.Build"/> (appsettings.json, KWS_CONFIG or
/// /etc/kws-edge, KWS_ environment variables, then the command line), so <c>--Section:Key=value</c> works as in kws-edge.
/// </summary>
internal static class PipelineSettings
{
    /// <summary>The <c>--Section:Key=value</c> tokens the command did not know, then <c>--Model:Path</c>.</summary>
    public static List<string> Overrides(ParseResult parse, string modelPath)
    {
        var tokens = new List<string>();
        foreach (var token in parse.UnmatchedTokens)
        {
            if (!token.StartsWith("--", StringComparison.Ordinal) || !token.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"unknown argument '{token}'; service settings are given as --Section:Key=value (see --help)");
            }

            tokens.Add(token);
        }

        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"model '{modelPath}' does not exist", modelPath);
        }

        tokens.Add($"--Model:Path={Path.GetFullPath(modelPath)}");
        return tokens;
    }

    /// <summary>Binds and validates the settings; a bad one becomes an <see cref="ArgumentException"/> naming it.</summary>
    public static ServiceSettings Build(IReadOnlyList<string> overrides)
    {
        try
        {
            return ServiceSettings.From(ServiceConfiguration.Build(overrides));
        }
        catch (ConfigurationException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    /// <summary>The overrides plus an explicit threshold for every keyword (beats the model's own kws.thresholds).</summary>
    public static IReadOnlyList<string> WithThreshold(IReadOnlyList<string> overrides, IEnumerable<string> keywords, double threshold) =>
        [.. overrides, .. keywords.Select(k => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"--Smoother:Thresholds:{k}={threshold:0.###}"))];
}
