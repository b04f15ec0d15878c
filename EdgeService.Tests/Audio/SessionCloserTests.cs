using System.Collections.Concurrent;
using EdgeService.Audio;
using EdgeService.Tests.Fakes;

namespace EdgeService.Tests.Audio;

public sealed class SessionCloserTests
{
    private static readonly TimeSpan ThreadWait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new();
    private readonly ConcurrentQueue<(SessionCloseOutcome Outcome, Thread Thread)> _calls = new();

    private SessionCloser Start(ICaptureSession session) =>
        SessionCloser.Start(session, TimeSpan.FromMilliseconds(500), _clock, (_, outcome) => _calls.Enqueue((outcome, Thread.CurrentThread)));

    [Fact]
    public void A_prompt_Dispose_runs_on_a_background_thread_and_is_reported_Closed_once()
    {
        var session = new FakeCaptureSession("'mic'");
        var closer = Start(session);
        closer.WaitSettled();
        Assert.Equal(SessionCloseOutcome.Closed, closer.Outcome);
        Assert.True(session.Disposed);
        Assert.NotSame(Thread.CurrentThread, session.DisposedOn);
        Assert.True(session.DisposedOnBackgroundThread);
        Assert.Equal("audio-close", session.DisposedOn!.Name);
        Assert.Equal(TimeSpan.Zero, closer.Took); // the fake clock did not move
        Assert.Null(closer.Error);

        Assert.Equal(0, _clock.ActiveTimers); // the deadline is gone with the close
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal([SessionCloseOutcome.Closed], _calls.Select(c => c.Outcome));
        Assert.Same(session.DisposedOn, _calls.Single().Thread);
    }

    [Fact]
    public void A_stuck_Dispose_is_abandoned_at_the_deadline_and_a_late_return_is_reported_after_it()
    {
        var session = new FakeCaptureSession("'mic'") { BlockDispose = true };
        var closer = Start(session);
        Assert.True(session.DisposeEntered.Wait(ThreadWait, TestContext.Current.CancellationToken));
        _clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(SessionCloseOutcome.Pending, closer.Outcome);
        Assert.False(closer.WaitSettled(TimeSpan.Zero));
        Assert.Empty(_calls);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(SessionCloseOutcome.Abandoned, closer.Outcome);
        Assert.True(closer.WaitSettled(TimeSpan.Zero));
        Assert.Equal([(SessionCloseOutcome.Abandoned, Thread.CurrentThread)], _calls); // the timer fired on this thread (the fake clock's)
        Assert.Null(closer.Took);

        _clock.Advance(TimeSpan.FromMilliseconds(250));
        session.Release();
        Assert.True(session.DisposeReturned.Wait(ThreadWait, TestContext.Current.CancellationToken));
        Assert.True(SpinWait.SpinUntil(() => _calls.Count == 2, ThreadWait));
        Assert.Equal([SessionCloseOutcome.Abandoned, SessionCloseOutcome.ClosedLate], _calls.Select(c => c.Outcome));
        Assert.Equal(SessionCloseOutcome.ClosedLate, closer.Outcome);
        Assert.Equal(TimeSpan.FromMilliseconds(750), closer.Took);
    }

    [Fact]
    public void A_Dispose_that_throws_is_still_Closed_and_keeps_the_error()
    {
        var closer = Start(new ThrowingSession());
        closer.WaitSettled();
        Assert.Equal(SessionCloseOutcome.Closed, closer.Outcome);
        Assert.Equal("Pa_StopStream failed", closer.Error!.Message);
    }

    private sealed class ThrowingSession : ICaptureSession
    {
        public string Description => "'broken'";

        public long CapturedFrames => 0;

        public long InputOverflows => 0;

        public string? FailureReason => null;

        public void Dispose() => throw new InvalidOperationException("Pa_StopStream failed");
    }
}
