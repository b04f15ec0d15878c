using Kws.Detection.Pipeline;
using EdgeService.Detection;
using EdgeService.Gpio;
using EdgeService.Leds;
using EdgeService.Tests.Fakes;

namespace EdgeService.Tests.Gpio;

/// <summary>The service's LED behaviour end to end above the kernel: LedDetectionSink over the GPIO driver over fake lines.</summary>
public class LedBehaviourTests
{
    private static KeywordDetection Hit(string keyword) => new(keyword, 1.0, 0.9f, 16_000);

    private static (LedDetectionSink Sink, GpioLedDriver Driver, FakeOutputLines Lines, FakeTimeProvider Time) Make(LedOptions options)
    {
        var leds = options.ResolveLines();
        ulong initial = 0;
        for (int i = 0; i < leds.Count; i++)
        {
            initial |= leds[i].LevelFor(false) ? 1UL << i : 0; // what GpioLedDriver.Open requests
        }

        var lines = new FakeOutputLines(leds.Count).WithInitial(initial);
        var driver = new GpioLedDriver(lines, leds);
        var time = new FakeTimeProvider();
        var sink = new LedDetectionSink(driver, time, options.ToSinkOptions(), new RecordingLogger<LedDetectionSink>());
        return (sink, driver, lines, time);
    }

    private static int IndexOf(LedOptions options, string name) =>
        options.ResolveLines().Select((l, i) => (l, i)).Single(x => x.l.Name == name).i;

    [Fact]
    public void Detection_LightsTheLine_ForOnMs_ThenItGoesDark()
    {
        var options = new LedOptions { OnMs = 800 };
        var (sink, driver, lines, time) = Make(options);
        int yes = IndexOf(options, "yes");
        int no = IndexOf(options, "no");

        sink.OnDetection(Hit("yes"));
        Assert.True(lines.IsHigh(yes));
        Assert.False(lines.IsHigh(no));
        time.Advance(TimeSpan.FromMilliseconds(799));
        Assert.True(lines.IsHigh(yes));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(lines.IsHigh(yes));
        Assert.False(driver.IsOn("yes"));
        sink.Dispose();
        driver.Dispose();
    }

    [Fact]
    public void NewerDetection_RestartsTheTime()
    {
        var options = new LedOptions { OnMs = 1000 };
        var (sink, driver, lines, time) = Make(options);
        int yes = IndexOf(options, "yes");

        sink.OnDetection(Hit("yes"));
        time.Advance(TimeSpan.FromMilliseconds(600));
        sink.OnDetection(Hit("yes"));
        time.Advance(TimeSpan.FromMilliseconds(999)); // 1599 ms after the first
        Assert.True(lines.IsHigh(yes));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(lines.IsHigh(yes));
        sink.Dispose();
        driver.Dispose();
    }

    [Fact]
    public void ActiveLow_Leds_StartDark_LightLow_AndEndDark()
    {
        var options = new LedOptions { ActiveLow = true, OnMs = 500 };
        var (sink, driver, lines, time) = Make(options);
        int yes = IndexOf(options, "yes");
        int no = IndexOf(options, "no");
        Assert.True(lines.IsHigh(yes)); // dark = high
        Assert.True(lines.IsHigh(no));

        sink.OnDetection(Hit("no"));
        Assert.False(lines.IsHigh(no)); // lit = low
        Assert.True(lines.IsHigh(yes));
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(lines.IsHigh(no));

        sink.OnDetection(Hit("yes"));
        sink.Dispose();
        driver.Dispose();
        Assert.True(lines.IsHigh(yes));
        Assert.True(lines.IsHigh(no));
    }

    [Fact]
    public void AllLedsGoOff_AtStop_AlsoWhenTheServiceThrows()
    {
        var options = new LedOptions();
        FakeOutputLines? lines = null;
        void RunService()
        {
            var made = Make(options);
            lines = made.Lines;
            using var driver = made.Driver;
            using var sink = made.Sink;
            sink.OnDetection(Hit("yes"));
            sink.OnDetection(Hit("no"));
            throw new InvalidOperationException("the pipeline failed");
        }

        var e = Assert.Throws<InvalidOperationException>(RunService);

        Assert.Equal("the pipeline failed", e.Message);
        Assert.NotNull(lines);
        Assert.False(lines.IsHigh(0));
        Assert.False(lines.IsHigh(1));
        Assert.True(lines.Released);
        Assert.Equal("released", lines.Events[^1]); // off was written before the release
        Assert.Equal("set 0/11", lines.Events[^2]);
    }
}
