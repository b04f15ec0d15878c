using EdgeService.Gpio;
using static EdgeService.Tests.Gpio.FakeChipEnumerator;

namespace EdgeService.Tests.Gpio;

public class GpioChipSelectorTests
{
    [Fact]
    public void Auto_OnAPi5_PicksTheRp1ChipByLabel_NotGpiochip0()
    {
        // Raspberry Pi 5 on a kernel where the header is gpiochip4 and gpiochip0 is the SoC's own controller.
        var chips = new FakeChipEnumerator(Chip(0, "pinctrl-bcm2712", 32), Chip(1, "pinctrl-bcm2712", 4), Chip(4, "pinctrl-rp1"));
        var choice = GpioChipSelector.Select("auto", chips);
        Assert.Equal("/fake/dev/gpiochip4", choice.Path);
        Assert.Equal("pinctrl-rp1", choice.Chip!.Label);
        Assert.Contains("Raspberry Pi 5", choice.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pinctrl-bcm2711", "Raspberry Pi 4")]
    [InlineData("pinctrl-bcm2835", "Raspberry Pi 3")]
    [InlineData("tegra234-gpio", "Jetson Orin")]
    [InlineData("tegra194-gpio", "Jetson Xavier")]
    [InlineData("tegra-gpio", "Jetson Nano")]
    public void Auto_RecognisesEachKnownHeaderLabel(string label, string board)
    {
        // The header chip is not the first one: auto must look at the labels, and the -aon controller must not match.
        var chips = new FakeChipEnumerator(Chip(0, label + "-aon", 32), Chip(1, "raspberrypi-exp-gpio", 8), Chip(2, label, 164));
        var choice = GpioChipSelector.Select("AUTO", chips);
        Assert.Equal("/fake/dev/gpiochip2", choice.Path);
        Assert.Contains(board, choice.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_WithoutAnyChip_ChoosesNone_AndSaysSo()
    {
        var choice = GpioChipSelector.Select("auto", new FakeChipEnumerator());
        Assert.Null(choice.Path);
        Assert.Contains("no GPIO chips", choice.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_WithOnlyUnknownChips_ChoosesNone_AndListsThem()
    {
        var choice = GpioChipSelector.Select("auto", new FakeChipEnumerator(Chip(0, "INT34C5:00", 360)));
        Assert.Null(choice.Path);
        Assert.Contains("gpiochip0 [INT34C5:00]", choice.Explanation, StringComparison.Ordinal);
        Assert.Contains("Leds:Chip", choice.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_WithUnreadableChipsAndNoKnownOne_Throws_NamingTheProblem()
    {
        var unreadable = new GpioChipDescriptor("/fake/dev/gpiochip0", "gpiochip0", "", 0, "No permission to open GPIO chip /fake/dev/gpiochip0");
        var e = Assert.Throws<GpioException>(() => GpioChipSelector.Select("auto", new FakeChipEnumerator(unreadable)));
        Assert.Contains("/fake/dev/gpiochip0", e.Message, StringComparison.Ordinal);
        Assert.Contains("No permission", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_PrefersAKnownReadableChipOverUnreadableOnes()
    {
        var unreadable = new GpioChipDescriptor("/fake/dev/gpiochip1", "gpiochip1", "", 0, "permission denied");
        var choice = GpioChipSelector.Select("auto", new FakeChipEnumerator(Chip(0, "pinctrl-bcm2711", 58), unreadable));
        Assert.Equal("/fake/dev/gpiochip0", choice.Path);
    }

    [Fact]
    public void Name_SelectsThatChip()
    {
        var chips = new FakeChipEnumerator(Chip(0, "pinctrl-bcm2712"), Chip(4, "pinctrl-rp1"));
        Assert.Equal("/fake/dev/gpiochip4", GpioChipSelector.Select("gpiochip4", chips).Path);
        Assert.Equal("/fake/dev/gpiochip0", GpioChipSelector.Select(" gpiochip0 ", chips).Path);
    }

    [Fact]
    public void Label_SelectsThatChip_EvenWhenNotAKnownHeader()
    {
        var chips = new FakeChipEnumerator(Chip(0, "pinctrl-bcm2711"), Chip(1, "raspberrypi-exp-gpio", 8));
        var choice = GpioChipSelector.Select("raspberrypi-exp-gpio", chips);
        Assert.Equal("/fake/dev/gpiochip1", choice.Path);
        Assert.Equal("/fake/dev/gpiochip0", GpioChipSelector.Select("PINCTRL-BCM2711", chips).Path);
    }

    [Fact]
    public void Path_IsTakenAsGiven_WithoutEnumerating()
    {
        var chips = new FakeChipEnumerator(Chip(0, "pinctrl-bcm2711"));
        var choice = GpioChipSelector.Select("/dev/gpiochip4", chips);
        Assert.Equal("/dev/gpiochip4", choice.Path);
        Assert.Equal(0, chips.Calls);
    }

    [Fact]
    public void UnknownName_Throws_NamingItAndListingTheChips()
    {
        var chips = new FakeChipEnumerator(Chip(0, "pinctrl-bcm2711", 58));
        var e = Assert.Throws<GpioException>(() => GpioChipSelector.Select("gpiochip9", chips));
        Assert.Contains("'gpiochip9' does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("gpiochip0 [pinctrl-bcm2711] (58 lines)", e.Message, StringComparison.Ordinal);
        Assert.Equal("gpiochip9", e.Chip);
    }

    [Fact]
    public void UnknownLabel_Throws_NamingIt()
    {
        var e = Assert.Throws<GpioException>(() => GpioChipSelector.Select("pinctrl-rp1", new FakeChipEnumerator()));
        Assert.Contains("labelled 'pinctrl-rp1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("no GPIO chips at all", e.Message, StringComparison.Ordinal);
    }
}
