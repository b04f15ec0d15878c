using EdgeService.Leds;
using EdgeService.Tests.Fakes;

namespace EdgeService.Tests.Gpio;

public class LedSelfTestTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the self-test to move on");
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task LightsEachLedInTurn_ForAStepEach_ThenAllOff()
    {
        var driver = new RecordingLedDriver();
        var time = new FakeTimeProvider();
        var log = new RecordingLogger<LedSelfTest>();
        var test = new LedSelfTest(driver, new LedOptions { StatusLine = 22 }, time, log);

        var run = test.RunAsync(Step, TestContext.Current.CancellationToken);
        Assert.Equal(["all:off", "no:on"], driver.Calls);
        time.Advance(Step - TimeSpan.FromMilliseconds(1));
        Assert.Equal(["all:off", "no:on"], driver.Calls);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitFor(() => driver.Calls.Count == 4);
        Assert.Equal(["all:off", "no:on", "no:off", "yes:on"], driver.Calls);
        time.Advance(Step);
        await WaitFor(() => driver.Calls.Count == 6);
        time.Advance(Step);

        Assert.Equal(3, await run);
        Assert.Equal(["all:off", "no:on", "no:off", "yes:on", "yes:off", "status:on", "status:off", "all:off"], driver.Calls);
        Assert.Contains(log.Entries, e => e.Message == "LED \"yes\" on line 17 (active-high): on for 500 ms");
        Assert.Contains(log.Entries, e => e.Message == "LED \"status\" on line 22 (active-high): on for 500 ms");
    }

    [Fact]
    public async Task Cancelled_TurnsEverythingOff()
    {
        var driver = new RecordingLedDriver();
        var time = new FakeTimeProvider();
        using var cts = new CancellationTokenSource();
        var test = new LedSelfTest(driver, new LedOptions(), time, new RecordingLogger<LedSelfTest>());

        var run = test.RunAsync(Step, cts.Token);
        Assert.True(driver.IsOn("no"));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal("all:off", driver.Calls[^1]);
        Assert.False(driver.IsOn("no"));
    }

    [Fact]
    public async Task ADriverFailure_Propagates_AfterTurningEverythingOff()
    {
        var driver = new RecordingLedDriver();
        var test = new LedSelfTest(driver, new LedOptions(), new FakeTimeProvider(), new RecordingLogger<LedSelfTest>());
        driver.FailWith = new IOException("line write failed");
        await Assert.ThrowsAsync<IOException>(() => test.RunAsync(Step, TestContext.Current.CancellationToken));
        Assert.Equal(["all:off", "all:off"], driver.Calls); // the first AllOff threw; the finally tried again
    }
}
