using EdgeService.Audio;

namespace EdgeService.Tests.Audio;

public sealed class NotifyingLockTests
{
    private static readonly TimeSpan ThreadWait = TimeSpan.FromSeconds(10);

    [Fact]
    public void Notifications_are_delivered_in_order_once_the_outermost_hold_ends()
    {
        var delivered = new List<string>();
        var gate = new NotifyingLock<string>(delivered.Add);
        using (gate.Enter())
        {
            gate.Post("a");
            using (gate.Enter())
            {
                gate.Post("b");
            }

            Assert.Empty(delivered); // still held
        }

        Assert.Equal(["a", "b"], delivered);
        gate.Post("c"); // posted without a hold: delivered at once
        Assert.Equal(["a", "b", "c"], delivered);
    }

    [Fact]
    public void A_handler_that_waits_on_another_thread_taking_the_lock_does_not_deadlock()
    {
        NotifyingLock<string>? gate = null;
        var delivered = new List<string>();
        var answered = false;
        gate = new NotifyingLock<string>(n =>
        {
            delivered.Add(n);
            if (n == "first")
            {
                answered = Task.Run(() =>
                {
                    using (gate!.Enter())
                    {
                        gate.Post("from the other thread"); // left to the delivering thread, which looks again
                    }
                }).Wait(ThreadWait);
            }
        });

        gate.Post("first");
        Assert.True(answered);
        Assert.Equal(["first", "from the other thread"], delivered);
    }
}
