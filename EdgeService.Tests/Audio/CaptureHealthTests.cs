using EdgeService.Audio;
using EdgeService.Tests.Fakes;

namespace EdgeService.Tests.Audio;

/// <summary>
/// The health judgement of live capture on its own: stall detection on the caller's clock, the session's own failure
/// reason, overflow logging at most once per interval (and in full when a session ends), totals across sessions.
/// </summary>
public sealed class CaptureHealthTests
{
    private static readonly TimeSpan T0 = TimeSpan.Zero;
    private readonly RecordingLogger<ResilientAudioSource> _log = new();

    private CaptureHealth Make(int stallMs = 2000, int overflowLogMs = 10_000)
    {
        var health = new CaptureHealth(TimeSpan.FromMilliseconds(stallMs), TimeSpan.FromMilliseconds(overflowLogMs), _log);
        health.Restart(T0);
        return health;
    }

    private static TimeSpan At(double seconds) => T0 + TimeSpan.FromSeconds(seconds);

    private List<string> OverflowLines() => [.. _log.Entries.Where(e => e.Id.Id == 204).Select(e => e.Message)];

    [Fact]
    public void A_session_that_keeps_delivering_is_healthy_and_one_that_stops_is_lost_after_the_stall_timeout()
    {
        var health = Make(stallMs: 2000);
        var session = new FakeCaptureSession("mic");
        health.Attach(session, At(0));
        for (var i = 1; i <= 8; i++)
        {
            session.Deliver(4000);
            Assert.Null(health.Check(session, At(i * 0.25)));
        }

        // Last progress at 2.0 s: still healthy just before 4.0 s, lost at it.
        Assert.Null(health.Check(session, At(3.75)));
        Assert.Equal("no audio arrived for 2 s", health.Check(session, At(4.0)));
    }

    [Fact]
    public void The_stall_clock_starts_when_a_session_is_attached_not_when_capture_started()
    {
        var health = Make(stallMs: 2000);
        var session = new FakeCaptureSession("mic");
        session.Deliver(1000); // frames before attaching are not progress
        health.Attach(session, At(10));
        Assert.Null(health.Check(session, At(11.9)));
        Assert.Equal("no audio arrived for 2 s", health.Check(session, At(12)));
    }

    [Fact]
    public void A_session_that_reports_a_failure_is_lost_at_once_with_its_own_reason()
    {
        var health = Make();
        var session = new FakeCaptureSession("mic");
        health.Attach(session, At(0));
        session.Deliver(160);
        session.FailureReason = "the stream stopped";
        Assert.Equal("the stream stopped", health.Check(session, At(0.25)));
    }

    [Fact]
    public void Overflows_are_logged_at_most_once_per_interval_with_the_count_since_the_last_line()
    {
        var health = Make(overflowLogMs: 10_000);
        var session = new FakeCaptureSession("mic");
        health.Attach(session, At(0));
        session.Deliver(100);
        session.Overflow(2);
        Assert.Null(health.Check(session, At(1)));
        Assert.Empty(OverflowLines()); // too soon after the start

        session.Deliver(100);
        Assert.Null(health.Check(session, At(10)));
        session.Deliver(100);
        session.Overflow(3);
        Assert.Null(health.Check(session, At(15)));
        session.Deliver(100);
        Assert.Null(health.Check(session, At(20)));
        session.Deliver(100);
        Assert.Null(health.Check(session, At(30))); // nothing new: no line

        var lines = OverflowLines();
        Assert.Equal(2, lines.Count);
        Assert.Contains("2 buffer(s) of audio lost by the device in the last 10 s (2 since start)", lines[0], StringComparison.Ordinal);
        Assert.Contains("3 buffer(s) of audio lost by the device in the last 10 s (5 since start)", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_lost_session_logs_its_last_overflows_at_once()
    {
        var health = Make(overflowLogMs: 10_000);
        var session = new FakeCaptureSession("mic");
        health.Attach(session, At(0));
        session.Deliver(100);
        session.Overflow(4);
        session.FailureReason = "the callback failed";
        Assert.Equal("the callback failed", health.Check(session, At(1)));
        var line = Assert.Single(OverflowLines());
        Assert.Contains("4 buffer(s)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Totals_run_on_across_sessions()
    {
        var health = Make();
        var first = new FakeCaptureSession("first");
        health.Attach(first, At(0));
        first.Deliver(48_000);
        first.Overflow(1);
        Assert.Equal(48_000, health.TotalFrames(first));
        health.Detach(first);
        Assert.Equal(48_000, health.TotalFrames(null));
        Assert.Equal(1, health.TotalOverflows(null));

        var second = new FakeCaptureSession("second");
        health.Attach(second, At(5));
        second.Deliver(16_000);
        second.Overflow(2);
        Assert.Equal(64_000, health.TotalFrames(second));
        Assert.Equal(3, health.TotalOverflows(second));
    }

    [Fact]
    public void A_stall_timeout_that_is_not_positive_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CaptureHealth(TimeSpan.Zero, TimeSpan.Zero, _log));
    }
}
