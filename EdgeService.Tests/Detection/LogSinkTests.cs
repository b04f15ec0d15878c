using EdgeService.Leds;
using Kws.Detection.Pipeline;
using EdgeService.Detection;
using EdgeService.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace EdgeService.Tests.Detection;

public class LogSinkTests
{
    [Fact]
    public void LogDetectionSink_WritesOneLineWithKeywordTimeAndScore()
    {
        var log = new RecordingLogger<LogDetectionSink>();
        var sink = new LogDetectionSink(log);
        sink.OnDetection(new KeywordDetection("no", 12.3456, 0.875f, 197_530));
        sink.OnDetection(new KeywordDetection("yes", 0.5, 0.5f, 8_000));

        Assert.Equal(2, log.Entries.Count);
        var e = log.Entries[0];
        Assert.Equal(LogLevel.Information, e.Level);
        Assert.Equal("Detected \"no\" at 12.346 s (score 0.875)", e.Message);
        Assert.Contains(e.Values, v => v.Key == "Keyword" && (string?)v.Value == "no");
        Assert.Contains(e.Values, v => v.Key == "TimeS" && v.Value is double t && t == 12.3456);
        Assert.Contains("\"yes\" at 0.500 s", log.Entries[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogOnlyLedDriver_LogsEachChange()
    {
        var log = new RecordingLogger<LogOnlyLedDriver>();
        var driver = new LogOnlyLedDriver(log);
        driver.Set("yes", true);
        driver.Set("yes", false);
        driver.AllOff();
        Assert.Equal(["LED \"yes\" on", "LED \"yes\" off", "All LEDs off"], log.Entries.Select(e => e.Message));
    }
}
