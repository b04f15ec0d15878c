using TestSupport;

namespace EdgeService.Tests.Cli;

/// <summary>
/// The README's order of settings sources, in the real program: appsettings.json next to it, then the KWS_CONFIG file
/// (/etc/kws-edge/appsettings.json when unset), then KWS_ environment variables, then the command line. Each source
/// gives the same setting a different invalid value, so the error line shows which one won.
/// </summary>
public sealed class SettingsPriorityTests
{
    [Theory]
    [InlineData(true, true, "-3")]
    [InlineData(false, true, "-2")]
    [InlineData(false, false, "-1")]
    public void A_later_source_overrides_an_earlier_one(bool onCommandLine, bool inEnvironment, string winner)
    {
        TestSupport.TestPaths.InTempDir("kws-settings", dir =>
        {
            var file = Path.Combine(dir, "kws-edge.json");
            File.WriteAllText(file, """{ "Smoother": { "WindowMs": -1 } }""");
            var environment = new Dictionary<string, string> { ["KWS_CONFIG"] = file };
            if (inEnvironment)
            {
                environment["KWS_Smoother__WindowMs"] = "-2";
            }

            List<string> args = ["run", "--Audio:Source=file", "--Audio:Path=/nonexistent/recording.wav"];
            if (onCommandLine)
            {
                args.Add("--Smoother:WindowMs=-3");
            }

            var result = EdgeProcess.Run(args, environment: environment);

            // The bundled appsettings.json (300 ms) is the first source: the KWS_CONFIG file alone overrides it.
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"Smoother WindowMs is {winner};", result.Err, StringComparison.Ordinal);
        });
    }
}
