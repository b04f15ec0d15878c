using EdgeService.Audio;
using EdgeService.Cli;

namespace EdgeService.Tests.Audio;

public sealed class DevicesCommandTests
{
    [Fact]
    public void Lists_devices_as_a_table_marking_the_default()
    {
        AudioInputDevice[] devices =
        [
            new(0, "USB PnP Sound Device: Audio (hw:1,0)", "ALSA", 1, 48000, false),
            new(4, "default", "ALSA", 128, 44100, true),
        ];
        var output = new StringWriter();
        var command = DevicesCommand.Create(() => devices, output, new StringWriter());
        Assert.Equal(0, command.Parse([]).Invoke());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("index", lines[0].Trim(), StringComparison.Ordinal);
        Assert.Matches(@"^\s+0\s+USB PnP Sound Device: Audio \(hw:1,0\)\s+ALSA\s+1\s+48000\s*$", lines[1]);
        Assert.Matches(@"^\s+4\s+default\s+ALSA\s+128\s+44100\s+\*\s*$", lines[2]);
        Assert.Contains("Audio:Device", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void With_json_lists_one_object_per_line_and_nothing_else()
    {
        AudioInputDevice[] devices =
        [
            new(0, "USB \"PnP\" Sound Device: Audio (hw:1,0)", "ALSA", 1, 48000, false),
            new(4, "default", "ALSA", 128, 44100, true),
        ];
        var output = new StringWriter();
        var root = new System.CommandLine.RootCommand { EdgeCli.Json, DevicesCommand.Create(() => devices, output, new StringWriter()) };
        Assert.Equal(0, root.Parse(["devices", "--json"]).Invoke());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = System.Text.Json.JsonDocument.Parse(lines[0]);
        Assert.Equal("USB \"PnP\" Sound Device: Audio (hw:1,0)", first.RootElement.GetProperty("name").GetString());
        Assert.Equal(48000, first.RootElement.GetProperty("default_rate_hz").GetDouble());
        Assert.False(first.RootElement.GetProperty("default").GetBoolean());
        using var second = System.Text.Json.JsonDocument.Parse(lines[1]);
        Assert.Equal(4, second.RootElement.GetProperty("index").GetInt32());
        Assert.Equal("ALSA", second.RootElement.GetProperty("host_api").GetString());
        Assert.Equal(128, second.RootElement.GetProperty("inputs").GetInt32());
        Assert.True(second.RootElement.GetProperty("default").GetBoolean());
    }

    [Fact]
    public void With_json_and_no_devices_standard_output_is_empty_and_the_hint_goes_to_standard_error()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new System.CommandLine.RootCommand { EdgeCli.Json, DevicesCommand.Create(() => [], output, error) };
        Assert.Equal(0, root.Parse(["devices", "--json"]).Invoke());
        Assert.Equal(string.Empty, output.ToString());
        Assert.Contains("No audio input devices found", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_devices_says_what_to_check()
    {
        Assert.Contains("No audio input devices found", DevicesCommand.Format([]), StringComparison.Ordinal);
    }
}
