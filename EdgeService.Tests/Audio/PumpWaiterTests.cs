using EdgeService.Audio;
using EdgeService.Tests.Fakes;

namespace EdgeService.Tests.Audio;

/// <summary>The pump's waiter waits on the injected clock, wakes on Cancel, and allocates nothing per wait.</summary>
public class PumpWaiterTests
{
    private static readonly TimeSpan Block = TimeSpan.FromMilliseconds(20);

    /// <summary>Runs <paramref name="waits"/> waits of one block on a thread of its own, advancing the fake clock for each.</summary>
    private static (long AllocatedBytes, int Completed) WaitBlocks(FakeTimeProvider clock, PumpWaiter waiter, int warmUp, int waits)
    {
        long allocated = -1;
        var completed = 0;
        var waiting = new Thread(() =>
        {
            for (var i = 0; i < warmUp; i++)
            {
                waiter.Wait(Block);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < waits; i++)
            {
                if (waiter.Wait(Block))
                {
                    completed++;
                }
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        waiting.Start();
        for (var i = 0; i < warmUp + waits; i++)
        {
            Assert.True(SpinWait.SpinUntil(() => clock.ArmedTimers == 1, TimeSpan.FromSeconds(10)), $"wait {i} was never armed");
            clock.Advance(Block);
        }

        Assert.True(waiting.Join(TimeSpan.FromSeconds(10)), "the waiting thread did not finish");
        return (allocated, completed);
    }

    [Fact]
    public void EachWaitEndsWhenItsTimeHasPassedAndAllocatesNothing()
    {
        var clock = new FakeTimeProvider();
        using var waiter = new PumpWaiter(clock);
        var start = clock.GetUtcNow();
        var (allocated, completed) = WaitBlocks(clock, waiter, warmUp: 50, waits: 1000);
        Assert.Equal(1000, completed);
        Assert.Equal(TimeSpan.FromMilliseconds(20 * 1050), clock.GetUtcNow() - start);
        Assert.Equal(0, allocated);
        Assert.Equal(1, clock.ActiveTimers); // one timer for every wait
    }

    [Fact]
    public void AWaitDoesNotEndBeforeItsTime()
    {
        var clock = new FakeTimeProvider();
        using var waiter = new PumpWaiter(clock);
        var done = new ManualResetEventSlim();
        var waiting = new Thread(() =>
        {
            waiter.Wait(Block);
            done.Set();
        });
        waiting.Start();
        Assert.True(SpinWait.SpinUntil(() => clock.ArmedTimers == 1, TimeSpan.FromSeconds(10)));
        clock.Advance(Block - TimeSpan.FromTicks(1));
        Assert.False(done.IsSet);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(done.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        waiting.Join();
    }

    [Fact]
    public void CancelWakesAWaitAndLaterWaitsReturnFalseAtOnce()
    {
        var clock = new FakeTimeProvider();
        using var waiter = new PumpWaiter(clock);
        bool? result = null;
        var waiting = new Thread(() => result = waiter.Wait(TimeSpan.FromHours(1)));
        waiting.Start();
        Assert.True(SpinWait.SpinUntil(() => clock.ArmedTimers == 1, TimeSpan.FromSeconds(10)));
        waiter.Cancel();
        Assert.True(waiting.Join(TimeSpan.FromSeconds(10)), "Cancel did not wake the wait");
        Assert.False(result);
        Assert.False(waiter.Wait(TimeSpan.FromHours(1)));
        Assert.True(waiter.IsCancelled);
    }

    [Fact]
    public void AZeroWaitReturnsAtOnceWithoutArmingTheTimer()
    {
        var clock = new FakeTimeProvider();
        using var waiter = new PumpWaiter(clock);
        Assert.True(waiter.Wait(TimeSpan.Zero));
        Assert.True(waiter.Wait(TimeSpan.FromMilliseconds(-5)));
        Assert.Equal(0, clock.ArmedTimers);
    }

    [Fact]
    public void CancelAfterDisposeIsHarmlessAndDisposeReleasesTheTimer()
    {
        var clock = new FakeTimeProvider();
        var waiter = new PumpWaiter(clock);
        Assert.Equal(1, clock.ActiveTimers);
        waiter.Dispose();
        waiter.Dispose();
        Assert.Equal(0, clock.ActiveTimers);
        waiter.Cancel();
        Assert.True(waiter.IsCancelled);
    }
}
