using EdgeService.Cli;
using EdgeService.Gpio;
using EdgeService.Leds;
using Microsoft.Extensions.Logging;
using System.CommandLine;
using TestSupport;

namespace EdgeService.Tests.Gpio;

public class LedsCommandTests
{
    private static async Task<(int Code, string Output, string Error, RecordingLoggerFactory Logs)> Invoke(string args, LedOptions? options = null, IGpioChipEnumerator? chips = null)
    {
        var logs = new RecordingLoggerFactory();
        var root = new RootCommand("test") { LedsCommand.Create(_ => options ?? new LedOptions(), logs, chips) };
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString(), logs);
    }

    [Fact]
    public async Task Test_AgainstAChipThatDoesNotExist_GivesTheClearError_AndExitCode2()
    {
        var path = Path.Combine(TestPaths.NewTempDir("gpio-dev"), "gpiochip9");
        var (code, _, error, _) = await Invoke($"leds test --chip {path}");
        Assert.Equal(2, code);
        Assert.StartsWith($"error: GPIO chip {path} does not exist (ENOENT: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task Test_UsesLedsChipFromTheConfiguration_WhenNoOptionIsGiven()
    {
        var (code, _, error, _) = await Invoke("leds test", new LedOptions { Chip = "/dev/null" });
        Assert.Equal(2, code);
        Assert.StartsWith("error: /dev/null is not a GPIO character device", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_WithoutGpio_LogsEachLed_AndExits0()
    {
        var dev = TestPaths.NewTempDir("gpio-dev");
        var (code, _, error, logs) = await Invoke("leds test --step-ms 1", chips: new DevGpioChipEnumerator(dev));
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains(logs.Messages(LogLevel.Warning), m => m.Contains("No GPIO for the LEDs", StringComparison.Ordinal));
        var info = logs.Messages(LogLevel.Information).ToList();
        Assert.Contains("LED \"yes\" on line 17 (active-high): on for 1 ms", info);
        Assert.Contains("LED \"yes\" on", info); // the log-only driver's line
        Assert.Contains("LED \"no\" off", info);
    }

    [Fact]
    public async Task Test_RejectsANonPositiveStep()
    {
        var (code, _, error, _) = await Invoke("leds test --step-ms 0", chips: new FakeChipEnumerator());
        Assert.Equal(2, code);
        Assert.Contains("--step-ms", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chips_ListsEachChip_AndWhatAutoPicks()
    {
        var chips = new FakeChipEnumerator(FakeChipEnumerator.Chip(0, "pinctrl-bcm2712", 32), FakeChipEnumerator.Chip(4, "pinctrl-rp1"));
        var (code, output, _, _) = await Invoke("leds chips", chips: chips);
        Assert.Equal(0, code);
        Assert.Contains("/fake/dev/gpiochip0\tgpiochip0 [pinctrl-bcm2712] (32 lines)", output, StringComparison.Ordinal);
        Assert.Contains("auto: /fake/dev/gpiochip4 (auto chose gpiochip4 [pinctrl-rp1]", output, StringComparison.Ordinal);
    }
}
