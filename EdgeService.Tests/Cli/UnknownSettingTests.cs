using TestSupport;

namespace EdgeService.Tests.Cli;

/// <summary>
/// A key that names no setting stops the real program with exit 2 and one line naming the key, where it came from and
/// the nearest valid key; before, a misspelled key was ignored without a word and the default ran.
/// </summary>
public sealed class UnknownSettingTests
{
    private static string Fixture => Path.Combine(TestPaths.Fixtures, "stream_yes_no.wav");

    [Theory]
    [InlineData("detect", "--Pipeline:InferenceHopMz=50", "command line --Pipeline:InferenceHopMz", "'Pipeline:InferenceHopMz' is not a setting; did you mean 'Pipeline:InferenceHopMs'?")]
    [InlineData("classify", "--Smoother:WindowMS=300", null, null)] // keys are not case-sensitive: a valid key
    [InlineData("classify", "--Smoother:WindowMz=300", "command line --Smoother:WindowMz", "did you mean 'Smoother:WindowMs'?")]
    [InlineData("detect", "--Pipline:InferenceHopMs=50", "command line --Pipline:InferenceHopMs", "'Pipline' is not a setting; did you mean 'Pipeline'?")]
    [InlineData("run", "--Audio:Devise=usb", "command line --Audio:Devise", "did you mean 'Audio:Device'?")]
    [InlineData("leds", "--Leds:Chipp=gpiochip0", "command line --Leds:Chipp", "did you mean 'Leds:Chip'?")]
    public void A_misspelled_key_on_the_command_line_is_named_with_the_nearest_valid_one(string command, string setting, string? where, string? message)
    {
        List<string> args = command switch
        {
            "leds" => ["leds", "test", setting],
            "run" => ["run", setting],
            _ => [command, Fixture, setting],
        };
        var result = EdgeProcess.Run(args);
        if (where is null)
        {
            Assert.True(result.ExitCode == 0, result.Err);
            return;
        }

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(where, line, StringComparison.Ordinal);
        Assert.Contains(message!, line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelled_environment_variable_is_named_as_it_was_set()
    {
        var result = EdgeProcess.Run(["detect", Fixture], environment: new Dictionary<string, string> { ["KWS_Smoother__Treshold"] = "0.5" });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("environment variable KWS_Smoother__Treshold: 'Smoother:Treshold' is not a setting; did you mean 'Smoother:Thresholds'?", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelled_key_in_the_settings_file_names_the_file()
    {
        TestPaths.InTempDir("kws-unknown", dir =>
        {
            var file = Path.Combine(dir, "kws-edge.json");
            File.WriteAllText(file, """{ "Gate": { "Enabled": false, "MarginDbb": 5 } }""");
            var result = EdgeProcess.Run(["detect", Fixture], environment: new Dictionary<string, string> { ["KWS_CONFIG"] = file });
            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"settings file {file}: 'Gate:MarginDbb' is not a setting; did you mean 'Gate:MarginDb'?", result.Err, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Helper_variables_that_are_not_settings_and_the_logging_section_are_let_through()
    {
        var result = EdgeProcess.Run(
            ["detect", Fixture, "--Logging:LogLevel:Default=Warning", "--Smoother:Thresholds:yes=0.8"],
            environment: new Dictionary<string, string> { ["KWS_DATA_DIR"] = "/nonexistent", ["KWS_CACHE_DIR"] = "/tmp" });
        Assert.True(result.ExitCode == 0, result.Err);
    }
}
