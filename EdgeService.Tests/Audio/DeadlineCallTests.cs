using System.Collections.Concurrent;
using EdgeService.Audio;
using EdgeService.Tests.Fakes;

namespace EdgeService.Tests.Audio;

public sealed class DeadlineCallTests
{
    private static readonly TimeSpan ThreadWait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new();
    private readonly ConcurrentQueue<(DeadlineCallOutcome Outcome, Thread Thread)> _calls = new();

    private DeadlineCall<ICaptureSession> Close(ICaptureSession session) => Start(() =>
    {
        session.Dispose();
        return session;
    });

    private DeadlineCall<T> Start<T>(Func<T> call)
        where T : class =>
        DeadlineCall<T>.Start("audio-close", call, TimeSpan.FromMilliseconds(500), _clock, (_, outcome) => _calls.Enqueue((outcome, Thread.CurrentThread)));

    [Fact]
    public void A_prompt_call_runs_on_a_named_background_thread_and_is_reported_Returned_once()
    {
        var session = new FakeCaptureSession("'mic'");
        var closer = Close(session);
        closer.WaitSettled();
        Assert.Equal(DeadlineCallOutcome.Returned, closer.Outcome);
        Assert.True(session.Disposed);
        Assert.NotSame(Thread.CurrentThread, session.DisposedOn);
        Assert.True(session.DisposedOnBackgroundThread);
        Assert.Equal("audio-close", session.DisposedOn!.Name);
        Assert.Equal(TimeSpan.Zero, closer.Took); // the fake clock did not move
        Assert.Null(closer.Error);
        Assert.Same(session, closer.Result);

        Assert.Equal(0, _clock.ActiveTimers); // the deadline is gone with the call
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal([DeadlineCallOutcome.Returned], _calls.Select(c => c.Outcome));
        Assert.Same(session.DisposedOn, _calls.Single().Thread);
    }

    [Fact]
    public void A_stuck_call_is_abandoned_at_the_deadline_and_a_late_return_is_reported_after_it()
    {
        var session = new FakeCaptureSession("'mic'") { BlockDispose = true };
        var closer = Close(session);
        Assert.True(session.DisposeEntered.Wait(ThreadWait, TestContext.Current.CancellationToken));
        _clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(DeadlineCallOutcome.Pending, closer.Outcome);
        Assert.False(closer.WaitSettled(TimeSpan.Zero));
        Assert.Empty(_calls);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(DeadlineCallOutcome.Abandoned, closer.Outcome);
        Assert.True(closer.WaitSettled(TimeSpan.Zero));
        Assert.Equal([(DeadlineCallOutcome.Abandoned, Thread.CurrentThread)], _calls); // the timer fired on this thread (the fake clock's)
        Assert.Null(closer.Took);
        Assert.Null(closer.Result);

        _clock.Advance(TimeSpan.FromMilliseconds(250));
        session.Release();
        Assert.True(session.DisposeReturned.Wait(ThreadWait, TestContext.Current.CancellationToken));
        Assert.True(SpinWait.SpinUntil(() => _calls.Count == 2, ThreadWait));
        Assert.Equal([DeadlineCallOutcome.Abandoned, DeadlineCallOutcome.ReturnedLate], _calls.Select(c => c.Outcome));
        Assert.Equal(DeadlineCallOutcome.ReturnedLate, closer.Outcome);
        Assert.Equal(TimeSpan.FromMilliseconds(750), closer.Took);
        Assert.Same(session, closer.Result); // a late result is kept, so that its owner can release it
    }

    [Fact]
    public void A_call_that_throws_is_still_Returned_and_keeps_the_error()
    {
        var call = Start<ICaptureSession>(() => throw new InvalidOperationException("Pa_StopStream failed"));
        call.WaitSettled();
        Assert.Equal(DeadlineCallOutcome.Returned, call.Outcome);
        Assert.Equal("Pa_StopStream failed", call.Error!.Message);
        Assert.Null(call.Result);
    }
}
