using EdgeService.Leds;
using EdgeService.Gpio;

namespace EdgeService.Tests.Gpio;

public class GpioLedDriverTests
{
    private static readonly LedLine[] YesNo = [new("yes", 17, false), new("no", 27, false)];

    [Fact]
    public void Set_DrivesTheKeywordsLine_High_ForAnActiveHighLed()
    {
        var lines = new FakeOutputLines(2);
        using var driver = new GpioLedDriver(lines, YesNo);
        driver.Set("yes", true);
        Assert.True(lines.IsHigh(0));
        Assert.False(lines.IsHigh(1));
        Assert.True(driver.IsOn("yes"));
        Assert.Equal(["set 1/1"], lines.Events); // only the yes line (bit 0) is written

        driver.Set("no", true);
        driver.Set("yes", false);
        Assert.False(lines.IsHigh(0));
        Assert.True(lines.IsHigh(1));
        Assert.Equal(["set 1/1", "set 11/10", "set 10/1"], lines.Events);
    }

    [Fact]
    public void ActiveLow_InvertsTheLevel_PerLine()
    {
        var leds = new LedLine[] { new("yes", 17, ActiveLow: true), new("no", 27, ActiveLow: false) };
        var lines = new FakeOutputLines(2).WithInitial(0b01); // requested dark: yes high, no low
        using var driver = new GpioLedDriver(lines, leds);

        driver.Set("yes", true);
        Assert.False(lines.IsHigh(0)); // lit = low
        driver.Set("no", true);
        Assert.True(lines.IsHigh(1)); // lit = high
        driver.AllOff();
        Assert.True(lines.IsHigh(0));
        Assert.False(lines.IsHigh(1));
        Assert.False(driver.IsOn("yes"));
    }

    [Fact]
    public void AllOff_WritesEveryLineAtOnce()
    {
        var lines = new FakeOutputLines(2);
        using var driver = new GpioLedDriver(lines, [new("yes", 17, true), new("no", 27, false)]);
        driver.AllOff();
        Assert.Equal(["set 1/11"], lines.Events);
    }

    [Fact]
    public void UnknownKeyword_IsIgnored_AndNamesAreCaseInsensitive()
    {
        var lines = new FakeOutputLines(2);
        using var driver = new GpioLedDriver(lines, YesNo);
        driver.Set("_unknown_", true);
        Assert.Empty(lines.Events);
        driver.Set("YES", true);
        Assert.True(lines.IsHigh(0));
    }

    [Fact]
    public void Dispose_TurnsEverythingOff_ThenReleases_Once()
    {
        var lines = new FakeOutputLines(2);
        var driver = new GpioLedDriver(lines, YesNo);
        driver.Set("yes", true);
        driver.Dispose();
        driver.Dispose();
        driver.Set("no", true); // ignored after disposal
        Assert.Equal(["set 1/1", "set 0/11", "released"], lines.Events);
    }

    [Fact]
    public void Dispose_ReleasesTheLines_EvenWhenTurningOffFails()
    {
        var lines = new FakeOutputLines(2) { FailWith = new GpioException("write failed", "gpiochip0", 17, 5) };
        var driver = new GpioLedDriver(lines, YesNo);
        driver.Dispose(); // does not throw: logged
        Assert.True(lines.Released);
    }

    [Fact]
    public void Set_PropagatesAWriteFailure_ForTheSinkToLog()
    {
        var lines = new FakeOutputLines(2);
        using var driver = new GpioLedDriver(lines, YesNo);
        lines.FailWith = new GpioException("write failed", "gpiochip0", 17, 5);
        Assert.Throws<GpioException>(() => driver.Set("yes", true));
        Assert.False(driver.IsOn("yes"));
    }

    [Fact]
    public void Constructor_RejectsMismatchedOrDuplicateLeds()
    {
        Assert.Throws<ArgumentException>(() => new GpioLedDriver(new FakeOutputLines(3), YesNo));
        Assert.Throws<ArgumentException>(() => new GpioLedDriver(new FakeOutputLines(2), [new("yes", 17, false), new("YES", 27, false)]));
    }
}
