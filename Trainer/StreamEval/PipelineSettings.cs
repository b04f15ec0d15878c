using System.CommandLine;
using Kws.Detection.Composition;
using Kws.Detection.Options;

namespace Trainer.StreamEval;

/// <summary>
/// The detection settings for a run: the defaults, then <c>--Section:Key=value</c> arguments as kws-edge takes them
/// (<see cref="DetectionSettings.FromArguments"/>; an unknown key is refused and the nearest valid one named). A
/// machine's own /etc/kws-edge settings and KWS_ variables do not change an evaluation.
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
    public static DetectionSettings Build(IReadOnlyList<string> overrides)
    {
        try
        {
            return DetectionSettings.FromArguments(overrides);
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
