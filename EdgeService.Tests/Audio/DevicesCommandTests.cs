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
    public void No_devices_says_what_to_check()
    {
        Assert.Contains("No audio input devices found", DevicesCommand.Format([]), StringComparison.Ordinal);
    }
}
