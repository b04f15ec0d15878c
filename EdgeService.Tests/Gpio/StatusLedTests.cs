using Kws.Detection.Pipeline;
using EdgeService.Detection;
using EdgeService.Gpio;
using EdgeService.Leds;
using EdgeService.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeService.Tests.Gpio;

public class StatusLedTests
{
    private static readonly LedOptions WithStatus = new() { StatusLine = 22, HeartbeatPeriodMs = 2000, HeartbeatOnMs = 100 };

    private static (StatusLed Led, RecordingLedDriver Driver, FakeTimeProvider Time, RecordingLogger<StatusLed> Log) Make(LedOptions? options = null)
    {
        var driver = new RecordingLedDriver();
        var time = new FakeTimeProvider();
        var log = new RecordingLogger<StatusLed>();
        return (new StatusLed(driver, time, options ?? WithStatus, log), driver, time, log);
    }

    private static void Step(FakeTimeProvider time, int ms) => time.Advance(TimeSpan.FromMilliseconds(ms));

    [Fact]
    public void Healthy_Heartbeat_IsOnForOnMs_EveryPeriod()
    {
        var (led, driver, time, _) = Make();
        Assert.Empty(driver.Calls); // dark until told
        led.SetSourceHealthy(true);
        Assert.Equal(StatusLedMode.Heartbeat, led.Mode);
        Assert.True(driver.IsOn("status"));

        Step(time, 99);
        Assert.True(driver.IsOn("status"));
        Step(time, 1);
        Assert.False(driver.IsOn("status"));
        Step(time, 1899);
        Assert.False(driver.IsOn("status"));
        Step(time, 1); // 2000 ms: the next beat
        Assert.True(driver.IsOn("status"));
        Step(time, 100);
        Assert.False(driver.IsOn("status"));

        Step(time, 2000 * 10); // ten more periods
        Assert.Equal(2 * 12, driver.Calls.Count(c => c.StartsWith("status:", StringComparison.Ordinal)));
        led.Dispose();
    }

    [Fact]
    public void Failing_IsSteadyOn_UntilHealthyAgain()
    {
        var (led, driver, time, _) = Make();
        led.SetSourceHealthy(true);
        Step(time, 500); // in the dark part of a beat
        led.SetSourceHealthy(false);
        Assert.Equal(StatusLedMode.Steady, led.Mode);
        Assert.True(driver.IsOn("status"));
        int calls = driver.Calls.Count;

        Step(time, 10_000);
        Assert.True(driver.IsOn("status"));
        Assert.Equal(calls, driver.Calls.Count); // no blinking while steady
        led.SetSourceHealthy(false); // repeated: nothing changes
        Assert.Equal(calls, driver.Calls.Count);

        led.SetSourceHealthy(true);
        Step(time, 100);
        Assert.False(driver.IsOn("status"));
        Step(time, 1900);
        Assert.True(driver.IsOn("status"));
        led.Dispose();
    }

    [Theory]
    [InlineData("Running", "Heartbeat", true)]
    [InlineData("Faulted", "Steady", true)]
    [InlineData("Completed", "Off", false)]
    [InlineData("Stopped", "Off", false)]
    public void SourceStates_MapToModes(string stateName, string modeName, bool lit)
    {
        var state = Enum.Parse<AudioSourceState>(stateName);
        var mode = Enum.Parse<StatusLedMode>(modeName);
        var (led, driver, _, _) = Make();
        led.SetSourceState(AudioSourceState.Faulted == state ? AudioSourceState.Running : AudioSourceState.Faulted);
        led.SetSourceState(state);
        Assert.Equal(mode, led.Mode);
        Assert.Equal(lit, driver.IsOn("status"));
        led.Dispose();
    }

    [Fact]
    public void Dispose_TurnsItOff_AndStopsTheTimer()
    {
        var (led, driver, time, _) = Make();
        led.SetSourceHealthy(false);
        Assert.Equal(1, time.ActiveTimers);
        led.Dispose();
        Assert.False(driver.IsOn("status"));
        Assert.Equal(0, time.ActiveTimers);
        int calls = driver.Calls.Count;
        led.SetSourceHealthy(true);
        Step(time, 5000);
        Assert.Equal(calls, driver.Calls.Count);
    }

    [Fact]
    public void WithoutStatusLine_ItDoesNothing()
    {
        var (led, driver, time, _) = Make(new LedOptions());
        Assert.False(led.IsActive);
        led.SetSourceHealthy(true);
        Step(time, 10_000);
        led.SetSourceHealthy(false);
        led.Dispose();
        Assert.Empty(driver.Calls);
        Assert.Equal(0, time.ActiveTimers);
    }

    [Fact]
    public void OnTheLogOnlyDriver_ItDoesNothing()
    {
        var time = new FakeTimeProvider();
        var log = new RecordingLogger<LogOnlyLedDriver>();
        using var led = new StatusLed(new LogOnlyLedDriver(log), time, WithStatus, new RecordingLogger<StatusLed>());
        led.SetSourceHealthy(true);
        Step(time, 10_000);
        Assert.False(led.IsActive);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public void DriverFailures_AreLoggedOncePerRun_NotThrown()
    {
        var (led, driver, time, log) = Make();
        driver.FailWith = new GpioException("write failed", "gpiochip0", 22, 5);
        led.SetSourceHealthy(true);
        Step(time, 10_000);
        Assert.Single(log.Entries);
        driver.FailWith = null;
        Step(time, 2000);
        Assert.True(driver.Calls.Count > 10); // the beat went on
        led.Dispose();
    }

    [Fact]
    public void ThroughTheGpioDriver_AnActiveLowStatusLed_BlinksLow()
    {
        var options = new LedOptions { StatusLine = 22, ActiveLowByLed = { ["status"] = true } };
        var leds = options.ResolveLines();
        int status = leds.Count - 1;
        Assert.Equal(("status", 22, true), (leds[status].Name, leds[status].Offset, leds[status].ActiveLow));
        var lines = new FakeOutputLines(leds.Count).WithInitial(1UL << status);
        var time = new FakeTimeProvider();
        using var driver = new GpioLedDriver(lines, leds);
        using var led = new StatusLed(driver, time, options, NullLogger<StatusLed>.Instance);

        led.SetSourceHealthy(true);
        Assert.False(lines.IsHigh(status));
        Step(time, options.HeartbeatOnMs);
        Assert.True(lines.IsHigh(status));
        led.SetSourceHealthy(false);
        Assert.False(lines.IsHigh(status));
    }
}
