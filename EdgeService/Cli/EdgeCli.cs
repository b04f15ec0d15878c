using EdgeService.Hosting;
using EdgeService.Leds;
using Kws.Detection.Options;
using System.CommandLine;

namespace EdgeService.Cli;

/// <summary>
/// The kws-edge command line: <c>run</c> (also when no command is given), <c>detect FILE</c>, <c>classify PATH...</c>.
/// Every command takes <c>--model PATH</c>, <c>--json</c>, and any setting as <c>--Section:Key=value</c>.
/// </summary>
internal static class EdgeCli
{
    /// <summary>The model file (overrides Model:Path).</summary>
    public static Option<string?> Model { get; } = new("--model") { Description = "ONNX model file (default: the bundled model)", Recursive = true };

    /// <summary>JSON lines on standard output, logs on standard error.</summary>
    public static Option<bool> Json { get; } = new("--json") { Description = "Write results as JSON lines on standard output; logs go to standard error", Recursive = true };

    /// <summary>Parses and runs; returns the exit code (0 success, 1 failure, 2 bad input or configuration).</summary>
    public static int Run(string[] args)
    {
        var root = new RootCommand(
            "kws-edge: an always-on yes/no keyword spotter. Settings can be given as --Section:Key=value " +
            "(e.g. --Audio:Source=file --Audio:Path=x.wav --Gate:Enabled=false), as KWS_Section__Key environment variables, " +
            "or in /etc/kws-edge/appsettings.json.")
        {
            Model,
            Json,
        };
        var run = RunCommand.Create();
        root.Subcommands.Add(run);
        root.Subcommands.Add(DetectCommand.Create());
        root.Subcommands.Add(ClassifyCommand.Create());
        root.Subcommands.Add(DevicesCommand.Create());
        root.Subcommands.Add(LedsCommand.Create(
            parse => Hosting.ServiceSettings.Load(Overrides(parse)).Leds,
            CliLogging.Factory));
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction(parse => RunCommand.Execute(parse));
        return root.Parse(args).Invoke();
    }

    /// <summary>The configuration overrides of a parse: unmatched <c>--Section:Key=value</c> tokens, plus <c>--model</c>.</summary>
    public static IReadOnlyList<string> Overrides(ParseResult parse)
    {
        var tokens = new List<string>();
        foreach (var token in parse.UnmatchedTokens)
        {
            if (!IsSetting(token))
            {
                throw new Kws.Detection.Options.ConfigurationException(
                    $"unknown argument '{token}'; settings are given as --Section:Key=value (see --help)");
            }

            tokens.Add(token);
        }

        if (parse.GetValue(Model) is { Length: > 0 } model)
        {
            tokens.Add($"--Model:Path={model}");
        }

        return tokens;
    }

    /// <summary>Whether <paramref name="token"/> is a setting, <c>--Section:Key=value</c>.</summary>
    public static bool IsSetting(string token) =>
        token.StartsWith("--", StringComparison.Ordinal) && token.Contains(':', StringComparison.Ordinal);
}
