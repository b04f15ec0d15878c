using EdgeService.Detection;
using EdgeService.Gpio;
using EdgeService.Leds;
using Microsoft.Extensions.Logging;
using TestSupport;

namespace EdgeService.Tests.Gpio;

public class LedDriverFactoryTests
{
    [Fact]
    public void NoGpioAtAll_GivesTheLogOnlyDriver_WithAWarning()
    {
        var logs = new RecordingLoggerFactory();
        var dev = TestPaths.NewTempDir("gpio-dev"); // like a desktop: no gpiochip*
        var driver = new LedDriverFactory(new DevGpioChipEnumerator(dev), logs).Create(new LedOptions());
        Assert.IsType<LogOnlyLedDriver>(driver);
        var warning = Assert.Single(logs.Messages(LogLevel.Warning));
        Assert.Contains("no GPIO chips", warning, StringComparison.Ordinal);
        Assert.Contains("only logged", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_GivesTheLogOnlyDriver_WithoutTouchingGpio()
    {
        var logs = new RecordingLoggerFactory();
        var chips = new FakeChipEnumerator(FakeChipEnumerator.Chip(0, "pinctrl-bcm2711"));
        var driver = new LedDriverFactory(chips, logs).Create(new LedOptions { Enabled = false });
        Assert.IsType<LogOnlyLedDriver>(driver);
        Assert.Equal(0, chips.Calls);
        Assert.Empty(logs.Messages(LogLevel.Warning));
    }

    [Fact]
    public void AConfiguredChipThatDoesNotExist_Throws_NamingIt()
    {
        var path = Path.Combine(TestPaths.NewTempDir("gpio-dev"), "gpiochip4");
        var factory = new LedDriverFactory(new DevGpioChipEnumerator(), new RecordingLoggerFactory());
        var e = Assert.Throws<GpioException>(() => factory.Create(new LedOptions { Chip = path }));
        Assert.Contains($"GPIO chip {path} does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AConfiguredNameThatDoesNotExist_Throws_EvenWithoutGpio()
    {
        var factory = new LedDriverFactory(new DevGpioChipEnumerator(TestPaths.NewTempDir("gpio-dev")), new RecordingLoggerFactory());
        var e = Assert.Throws<GpioException>(() => factory.Create(new LedOptions { Chip = "gpiochip0" }));
        Assert.Contains("'gpiochip0' does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoWithAKnownChipThatIsNotReallyGpio_Throws_FromTheRealOpenPath()
    {
        // The enumerator claims a Pi 4 header at /dev/null: the factory opens it for real and the ioctl says no.
        var chips = new FakeChipEnumerator(new GpioChipDescriptor("/dev/null", "gpiochip0", "pinctrl-bcm2711", 58));
        var factory = new LedDriverFactory(chips, new RecordingLoggerFactory());
        var e = Assert.Throws<GpioException>(() => factory.Create(new LedOptions()));
        Assert.Contains("/dev/null is not a GPIO character device", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoOnAJetson_WithThePiDefaultLines_Throws_InsteadOfDrivingOtherPins()
    {
        var chips = new FakeChipEnumerator(FakeChipEnumerator.Chip(0, "tegra234-gpio", 164), FakeChipEnumerator.Chip(1, "tegra234-gpio-aon", 32));
        var factory = new LedDriverFactory(chips, new RecordingLoggerFactory());
        var e = Assert.Throws<GpioException>(() => factory.Create(new LedOptions()));
        Assert.Contains("Raspberry Pi defaults", e.Message, StringComparison.Ordinal);
        Assert.Contains("yes=112, no=122", e.Message, StringComparison.Ordinal);

        // With lines of its own the Jetson chip is opened (here: a fake path, so the real open path reports it).
        var configured = Assert.Throws<GpioException>(() => factory.Create(new LedOptions { Lines = { ["yes"] = 112, ["no"] = 122 } }));
        Assert.Contains("/fake/dev/gpiochip0 does not exist", configured.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOptions_Throw_ListingTheProblems()
    {
        var factory = new LedDriverFactory(new FakeChipEnumerator(), new RecordingLoggerFactory());
        var e = Assert.Throws<ArgumentException>(() => factory.Create(new LedOptions { OnMs = 0, HeartbeatOnMs = 0 }));
        Assert.Contains("Leds:OnMs is 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("Leds:HeartbeatOnMs is 0", e.Message, StringComparison.Ordinal);
    }
}
