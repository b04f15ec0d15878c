namespace EdgeService.Tests.Fakes;

public class FakeTimeProviderTests
{
    [Fact]
    public void Advance_FiresDueTimersInOrder_WithTheClockAtTheirDueTime()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        long stamp = time.GetTimestamp();
        var fired = new List<(string, TimeSpan)>();
        using var a = time.CreateTimer(_ => fired.Add(("a", time.GetUtcNow() - start)), null, TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);
        using var b = time.CreateTimer(_ => fired.Add(("b", time.GetUtcNow() - start)), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(150));

        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Empty(fired);
        time.Advance(TimeSpan.FromMilliseconds(401));
        Assert.Equal(
            [("b", TimeSpan.FromMilliseconds(100)), ("b", TimeSpan.FromMilliseconds(250)), ("a", TimeSpan.FromMilliseconds(300)), ("b", TimeSpan.FromMilliseconds(400))],
            fired);
        Assert.Equal(TimeSpan.FromMilliseconds(500), time.GetUtcNow() - start);
        Assert.Equal(TimeSpan.FromMilliseconds(500), time.GetElapsedTime(stamp));
    }

    [Fact]
    public void StepWallClock_MovesOnlyTheWallClock()
    {
        var time = new FakeTimeProvider();
        var wall = time.GetUtcNow();
        long stamp = time.GetTimestamp();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        time.StepWallClock(TimeSpan.FromHours(-2));
        Assert.Equal(wall - TimeSpan.FromHours(2), time.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, time.GetElapsedTime(stamp));
        Assert.Equal(0, fired);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired);
        Assert.Equal(TimeSpan.FromSeconds(1), time.GetElapsedTime(stamp));
        Assert.Equal(wall - TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1), time.GetUtcNow());
    }

    [Fact]
    public void Change_And_Dispose_RearmOrStopATimer()
    {
        var time = new FakeTimeProvider();
        int count = 0;
        var t = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.True(t.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.Equal(0, count);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, count);

        t.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        t.Dispose();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, count);
        Assert.False(t.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }
}
