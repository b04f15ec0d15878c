using System.Text.Json;
using EdgeService.Hosting;
using Kws.Detection.Composition;
using Kws.Detection.Options;
using TestSupport;

namespace EdgeService.Tests.Hosting;

/// <summary>The settings are bound once, every section validated, and every key checked against the options classes.</summary>
public sealed class ServiceSettingsTests
{
    [Fact]
    public void Every_key_of_the_bundled_appsettings_is_a_setting()
    {
        var file = Path.Combine(TestPaths.RepoRoot, "EdgeService", "appsettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var keys = Leaves(json.RootElement, "").Where(k => !k.StartsWith(ServiceSettings.LoggingSection + ":", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(keys);
        var known = ServiceSettings.Schema.Keys;
        Assert.All(keys, k => Assert.Contains(k, known, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_audio_section_is_bound_once_and_all_of_it_is_validated()
    {
        // Audio:DeviceBufferMs was bound by a second class the commands never validated.
        var e = Assert.Throws<ConfigurationException>(() => ServiceSettings.Load(["--Audio:DeviceBufferMs=0", "--Audio:RingBufferMs=5"]));
        Assert.Contains("Audio:DeviceBufferMs is 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("Audio:RingBufferMs is 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audio_OutputSampleRateHz_is_no_longer_a_setting()
    {
        var e = Assert.Throws<ConfigurationException>(() => ServiceSettings.Load(["--Audio:OutputSampleRateHz=8000"]));
        Assert.Contains("'Audio:OutputSampleRateHz' is not a setting", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Smoother:Thresholds:yes=0.8")]
    [InlineData("--Leds:Lines:yes=5")]
    [InlineData("--Leds:ActiveLowByLed:status=true")]
    [InlineData("--pipeline:inferencehopms=100")]
    public void Dictionary_entries_and_any_letter_case_are_accepted(string setting) =>
        Assert.NotNull(ServiceSettings.Load([setting]));

    [Fact]
    public void A_tool_takes_the_detection_sections_only_and_refuses_the_others()
    {
        Assert.Equal(100, DetectionSettings.FromArguments(["--Pipeline:InferenceHopMs=100"]).Pipeline.InferenceHopMs);
        var e = Assert.Throws<ConfigurationException>(() => DetectionSettings.FromArguments(["--Gate:Enabeld=false"]));
        Assert.Equal("--Gate:Enabeld: 'Gate:Enabeld' is not a setting; did you mean 'Gate:Enabled'?", e.Message);
        e = Assert.Throws<ConfigurationException>(() => DetectionSettings.FromArguments(["--Audio:Source=stdin"]));
        Assert.Contains("'Audio' is not a setting", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_far_from_every_setting_lists_the_sections_instead_of_guessing()
    {
        var e = Assert.Throws<ConfigurationException>(() => ServiceSettings.Load(["--Microphone:Volume=3"]));
        Assert.Contains("'Microphone' is not a setting (the sections are ", e.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Leaves(JsonElement element, string prefix) => element.ValueKind == JsonValueKind.Object
        ? element.EnumerateObject().SelectMany(p => Leaves(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}:{p.Name}"))
        : [prefix];
}
