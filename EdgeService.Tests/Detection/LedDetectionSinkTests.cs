using EdgeService.Leds;
using Kws.Detection.Pipeline;
using EdgeService.Detection;
using EdgeService.Tests.Fakes;

namespace EdgeService.Tests.Detection;

public class LedDetectionSinkTests
{
    private const int OnMs = 1000;

    private static KeywordDetection Hit(string keyword) => new(keyword, 1.0, 0.9f, 16_000);

    private static (LedDetectionSink Sink, RecordingLedDriver Leds, FakeTimeProvider Time, RecordingLogger<LedDetectionSink> Log) Make()
    {
        var leds = new RecordingLedDriver();
        var time = new FakeTimeProvider();
        var log = new RecordingLogger<LedDetectionSink>();
        return (new LedDetectionSink(leds, time, new LedDetectionSinkOptions { OnMs = OnMs }, log), leds, time, log);
    }

    [Fact]
    public void Detection_LightsTheKeywordsLed_AndItGoesOffAfterOnMs()
    {
        var (sink, leds, time, _) = Make();
        sink.OnDetection(Hit("yes"));
        Assert.True(leds.IsOn("yes"));
        Assert.Equal(["yes:on"], leds.Calls);

        time.Advance(TimeSpan.FromMilliseconds(OnMs - 1));
        Assert.True(leds.IsOn("yes"));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(leds.IsOn("yes"));
        Assert.Equal(["yes:on", "yes:off"], leds.Calls);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, leds.Calls.Count);
    }

    [Fact]
    public void NewerDetection_RestartsTheTime()
    {
        var (sink, leds, time, _) = Make();
        sink.OnDetection(Hit("yes"));
        time.Advance(TimeSpan.FromMilliseconds(700));
        sink.OnDetection(Hit("yes"));

        time.Advance(TimeSpan.FromMilliseconds(OnMs - 1)); // 1699 ms after the first, 999 after the second
        Assert.True(leds.IsOn("yes"));
        Assert.Equal(["yes:on"], leds.Calls); // no redundant "on" for an LED already lit

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(leds.IsOn("yes"));
        Assert.Equal(["yes:on", "yes:off"], leds.Calls);
    }

    [Fact]
    public void KeywordsHaveTheirOwnLedsAndTimes()
    {
        var (sink, leds, time, _) = Make();
        sink.OnDetection(Hit("yes"));
        time.Advance(TimeSpan.FromMilliseconds(400));
        sink.OnDetection(Hit("no"));
        Assert.True(leds.IsOn("yes") && leds.IsOn("no"));

        time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.False(leds.IsOn("yes"));
        Assert.True(leds.IsOn("no"));

        time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.False(leds.IsOn("no"));
        Assert.Equal(["yes:on", "no:on", "yes:off", "no:off"], leds.Calls);
    }

    [Fact]
    public void Dispose_TurnsAllOff_StopsTimers_AndIgnoresLaterDetections()
    {
        var (sink, leds, time, _) = Make();
        sink.OnDetection(Hit("yes"));
        sink.OnDetection(Hit("no"));
        Assert.Equal(2, time.ActiveTimers);

        sink.Dispose();
        Assert.False(leds.IsOn("yes") || leds.IsOn("no"));
        Assert.Equal("all:off", leds.Calls[^1]);
        Assert.Equal(0, time.ActiveTimers);

        int calls = leds.Calls.Count;
        sink.OnDetection(Hit("yes"));
        time.Advance(TimeSpan.FromSeconds(5));
        sink.Dispose();
        Assert.Equal(calls, leds.Calls.Count);
    }

    [Fact]
    public void FailingDriver_IsLogged_NotThrown()
    {
        var (sink, leds, time, log) = Make();
        leds.FailWith = new IOException("GPIO line 17 is gone");
        sink.OnDetection(Hit("yes"));
        time.Advance(TimeSpan.FromMilliseconds(OnMs));
        sink.Dispose();

        Assert.Equal(["yes:on", "all:off"], leds.Calls); // the LED never counted as lit, so no "off" was sent
        Assert.Equal(2, log.Entries.Count);
        Assert.All(log.Entries, e => Assert.IsType<IOException>(e.Exception));
        Assert.Contains("\"yes\" on", log.Entries[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Validation()
    {
        Assert.Contains("OnMs", Assert.Single(new LedDetectionSinkOptions { OnMs = 0 }.Validate()), StringComparison.Ordinal);
        Assert.Empty(new LedDetectionSinkOptions().Validate());
        Assert.Throws<ArgumentException>(() => new LedDetectionSink(new RecordingLedDriver(), new FakeTimeProvider(), new LedDetectionSinkOptions { OnMs = -5 }, new RecordingLogger<LedDetectionSink>()));
    }
}
