using EdgeService.Leds;
using Microsoft.Extensions.Configuration;

namespace EdgeService.Tests.Gpio;

public class LedOptionsTests
{
    [Fact]
    public void Defaults_AreValid_YesOn17_NoOn27_AutoChip_ActiveHigh()
    {
        var options = new LedOptions();
        Assert.Empty(options.Validate());
        Assert.Equal("auto", options.Chip);
        Assert.Equal("Leds", LedOptions.Section);
        Assert.Equal([("no", 27, false), ("yes", 17, false)], options.ResolveLines().Select(l => (l.Name, l.Offset, l.ActiveLow)));
        Assert.Equal(1000, options.ToSinkOptions().OnMs);
    }

    [Fact]
    public void BindsFromTheLedsSection_MergingWithTheDefaultLines()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Leds:Chip"] = "pinctrl-rp1",
            ["Leds:Lines:yes"] = "5",
            ["Leds:Lines:maybe"] = "6",
            ["Leds:StatusLine"] = "22",
            ["Leds:ActiveLow"] = "true",
            ["Leds:ActiveLowByLed:status"] = "false",
            ["Leds:OnMs"] = "750",
        }).Build();
        var options = new LedOptions();
        config.GetSection(LedOptions.Section).Bind(options);

        Assert.Empty(options.Validate());
        Assert.Equal("pinctrl-rp1", options.Chip);
        Assert.Equal(
            [("maybe", 6, true), ("no", 27, true), ("yes", 5, true), ("status", 22, false)],
            options.ResolveLines().Select(l => (l.Name, l.Offset, l.ActiveLow)));
        Assert.Equal(750, options.ToSinkOptions().OnMs);
    }

    [Fact]
    public void NegativeOffset_RemovesAKeywordsLed()
    {
        var options = new LedOptions { Lines = { ["no"] = -1 } };
        Assert.Empty(options.Validate());
        Assert.Equal(["yes"], options.ResolveLines().Select(l => l.Name));
    }

    [Fact]
    public void Validate_ListsEveryProblem_NamingTheSetting()
    {
        var options = new LedOptions
        {
            Chip = " ",
            Lines = { ["no"] = 17, ["status"] = 3, ["big"] = 5000 },
            StatusLine = 17,
            ActiveLowByLed = { ["yse"] = true },
            OnMs = 0,
            HeartbeatPeriodMs = 50,
            HeartbeatOnMs = 50,
        };
        var problems = options.Validate();
        Assert.Contains(problems, p => p.StartsWith("Leds:Chip is empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("both use line 17", StringComparison.Ordinal) && p.Contains("Leds:Lines:", StringComparison.Ordinal) && !p.Contains("StatusLine", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Leds:StatusLine and Leds:Lines:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("reserved name 'status'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Leds:Lines:big is 5000", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Leds:ActiveLowByLed:yse names no LED", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Leds:OnMs is 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Leds:HeartbeatPeriodMs is 50", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Leds:HeartbeatOnMs is 50", StringComparison.Ordinal));
        Assert.Equal(9, problems.Count);
    }

    [Fact]
    public void Validate_RejectsANegativeStatusLine_AndMoreThan64Leds()
    {
        var options = new LedOptions { StatusLine = -2 };
        for (int i = 0; i < 64; i++)
        {
            options.Lines[$"k{i}"] = 100 + i;
        }

        var problems = options.Validate();
        Assert.Contains(problems, p => p.StartsWith("Leds:StatusLine is -2", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("at most 64 lines", StringComparison.Ordinal));
    }
}
