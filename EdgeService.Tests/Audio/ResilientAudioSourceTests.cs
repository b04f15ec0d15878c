using Kws.Audio;
using Kws.Detection.Pipeline;
using EdgeService.Audio;
using EdgeService.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace EdgeService.Tests.Audio;

public sealed class ResilientAudioSourceTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly RecordingLogger<ResilientAudioSource> _log = new();
    private readonly FakeCaptureOpener _opener;
    private readonly List<AudioSourceState> _states = [];

    public ResilientAudioSourceTests() => _opener = new FakeCaptureOpener(_clock);

    /// <summary>How long a test waits (wall clock) for the close thread; only a broken close would ever take it.</summary>
    private static readonly TimeSpan ThreadWait = TimeSpan.FromSeconds(10);

    private static AudioOptions Options() => new()
    {
        RetryInitialDelayMs = 1000,
        RetryMaxDelayMs = 30_000,
        StallTimeoutMs = 2000,
        HealthCheckIntervalMs = 250,
        OverflowLogIntervalMs = 10_000,
        CloseTimeoutMs = 3000,
    };

    private ResilientAudioSource Make(AudioOptions? options = null)
    {
        var source = new ResilientAudioSource(_opener, options ?? Options(), _clock, _log);
        source.StateChanged += (_, e) => _states.Add(e.State);
        return source;
    }

    private static AudioRingBuffer Ring() => new(16000, 500);

    [Fact]
    public void State_changes_are_raised_outside_the_source_lock_so_a_handler_may_call_back_from_another_thread()
    {
        // The status LED's handler writes GPIO; before, it ran inside the source's lock, so any thread asking the
        // source for its statistics meanwhile (the stats line) waited on the LED. Here the handler asks from another
        // thread and waits for the answer: inside the lock that would never come.
        using var source = new ResilientAudioSource(_opener, Options(), _clock, _log);
        var answered = new List<bool>();
        source.StateChanged += (_, e) => answered.Add(Task.Run(() => source.Statistics.State).Wait(ThreadWait));
        source.Start(Ring());
        _opener.Sessions.Single().FailureReason = "the stream stopped by itself";
        _clock.Advance(TimeSpan.FromMilliseconds(250)); // the health check sees the failure: Faulted
        source.Stop();
        Assert.True(answered.Count >= 3, $"{answered.Count} state changes");
        Assert.All(answered, Assert.True);
    }

    [Fact]
    public void Starts_running_and_stops_cleanly()
    {
        using var source = Make();
        var ring = Ring();
        source.Start(ring);
        Assert.Equal(AudioSourceState.Running, source.State);
        _opener.Targets.Single().Write([0.25f, 0.5f]);
        Assert.Equal(2, ring.WrittenSamples);
        Assert.Equal(new Kws.Audio.AudioFormat(16000, 1, Kws.Audio.SampleType.Float32), source.Format);
        Assert.Throws<InvalidOperationException>(() => source.Start(ring));

        source.Stop();
        Assert.Equal(AudioSourceState.Stopped, source.State);
        Assert.True(_opener.Sessions.Single().Disposed);
        Assert.NotSame(Thread.CurrentThread, _opener.Sessions.Single().DisposedOn);
        _opener.Targets.Single().Write([0.75f]);
        Assert.Equal(2, ring.WrittenSamples); // a stopped session's writes no longer reach the buffer
        Assert.Equal(0, _clock.ActiveTimers);
        Assert.Equal([AudioSourceState.Running, AudioSourceState.Stopped], _states);
        source.Stop(); // idempotent
    }

    [Fact]
    public void Starting_without_a_device_faults_and_retries_with_doubling_backoff_until_it_appears()
    {
        _opener.Present = false;
        using var source = Make();
        var start = _clock.GetUtcNow();
        source.Start(Ring());

        Assert.Equal(AudioSourceState.Faulted, source.State);
        Assert.IsType<AudioDeviceUnavailableException>(source.Fault);
        Assert.Contains("usb", source.Fault!.Message, StringComparison.Ordinal);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Retrying in 1 s", StringComparison.Ordinal));

        _clock.Advance(TimeSpan.FromSeconds(200));
        var offsets = _opener.Attempts.Select(a => (a - start).TotalSeconds).ToArray();
        // 0, then +1, +2, +4, +8, +16, +30, +30, ...
        Assert.Equal([0, 1, 3, 7, 15, 31, 61, 91, 121, 151, 181], offsets);
        Assert.Equal(AudioSourceState.Faulted, source.State);

        _opener.Present = true;
        _clock.Advance(TimeSpan.FromSeconds(11)); // the attempt at 211 s (no audio flows from the fake, so stop before the stall timeout)
        Assert.Equal(AudioSourceState.Running, source.State);
        Assert.Null(source.Fault);
        Assert.Single(_opener.Sessions);
        Assert.Equal(0, source.Statistics.Reconnects); // the first open is not a reconnect
        Assert.Equal(11, source.Statistics.Faults);
    }

    [Fact]
    public void A_lost_device_faults_then_reopens_into_the_same_ring_buffer_and_the_backoff_restarts()
    {
        using var source = Make();
        var ring = Ring();
        source.Start(ring);
        var first = _opener.Sessions.Single();
        first.Deliver(480);
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(AudioSourceState.Running, source.State);

        first.FailureReason = "the stream stopped by itself (device unplugged or failed)";
        _opener.Present = false;
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(AudioSourceState.Faulted, source.State);
        Assert.True(source.RecoversFromFaults);
        Assert.True(source.WaitForClose(ThreadWait));
        Assert.True(first.Disposed);
        Assert.Contains("unplugged", source.Fault!.Message, StringComparison.Ordinal);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Audio input lost: 'fake mic #1'", StringComparison.Ordinal));

        _clock.Advance(TimeSpan.FromSeconds(3)); // attempts at +1 s and +3 s fail
        Assert.Equal(AudioSourceState.Faulted, source.State);
        _opener.Present = true;
        _clock.Advance(TimeSpan.FromSeconds(4)); // +7 s succeeds
        Assert.Equal(AudioSourceState.Running, source.State);
        Assert.Equal(2, _opener.Sessions.Count);
        _opener.Targets[1].Write([0.5f]);
        _opener.Targets[0].Write([0.5f, 0.5f]); // the lost stream, should it wake up: dropped
        Assert.Equal(1, ring.WrittenSamples);
        Assert.Equal(1, source.Statistics.Reconnects);
        Assert.Contains(_log.Entries, e => e.Message.Contains("back after 3 attempt(s)", StringComparison.Ordinal));
        Assert.Equal(AudioSourceState.Running, _states[0]);
        Assert.Equal(AudioSourceState.Running, _states[^1]);
        Assert.All(_states[1..^1], s => Assert.Equal(AudioSourceState.Faulted, s));

        // Lost again: the back-off starts from 1 s again.
        var attemptsBefore = _opener.Attempts.Count;
        _opener.Sessions[1].FailureReason = "gone";
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        var lostAt = _clock.GetUtcNow();
        Assert.True(source.WaitForClose(ThreadWait));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(attemptsBefore + 1, _opener.Attempts.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), _opener.Attempts[^1] - lostAt);
        Assert.Equal(AudioSourceState.Running, source.State);
    }

    [Fact]
    public void A_reconnect_marks_a_discontinuity_so_the_reader_starts_afresh_but_the_first_start_does_not()
    {
        using var source = Make();
        var ring = Ring();
        source.Start(ring);
        _opener.Targets[0].Write([0.1f, 0.2f]);
        var dest = new float[16];
        Assert.Equal(new RingRead(2, 0, 0, AfterDiscontinuity: false), ring.Read(dest));

        _opener.Sessions[0].FailureReason = "gone";
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.True(source.WaitForClose(ThreadWait));
        _clock.Advance(TimeSpan.FromSeconds(1)); // the retry opens the device again
        Assert.Equal(AudioSourceState.Running, source.State);
        _opener.Targets[1].Write([0.3f]);
        Assert.Equal(new RingRead(1, 2, 0, AfterDiscontinuity: true), ring.Read(dest));
        Assert.Equal(0.3f, dest[0]);
    }

    [Fact]
    public void A_stream_whose_stop_fails_and_is_left_open_makes_the_fault_final_and_nothing_is_reopened()
    {
        using var source = Make();
        source.Start(Ring());
        var first = _opener.Sessions.Single();
        first.Deliver(480);
        var left = new AudioStreamAbandonedException(first.Description, "Pa_StopStream failed: Unanticipated host error (-9999)");
        first.DisposeError = left;
        first.FailureReason = "the stream stopped by itself (device unplugged or failed)";
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.True(source.WaitForClose(ThreadWait));

        Assert.Equal(AudioSourceState.Faulted, source.State);
        Assert.Same(left, source.Fault);
        Assert.False(source.RecoversFromFaults);
        Assert.Contains("could not be stopped", left.Message, StringComparison.Ordinal);
        Assert.Equal(0, _clock.ActiveTimers); // no health check, no retry
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Single(_opener.Sessions);
        source.Stop();
        var again = Assert.Throws<InvalidOperationException>(() => source.Start(Ring()));
        Assert.Contains("an earlier stream could not be stopped", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_that_stops_delivering_audio_is_taken_as_lost_after_the_stall_timeout()
    {
        using var source = Make();
        source.Start(Ring());
        var session = _opener.Sessions.Single();
        for (var i = 0; i < 8; i++)
        {
            session.Deliver(320);
            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.Equal(AudioSourceState.Running, source.State);
        _clock.Advance(TimeSpan.FromMilliseconds(1750));
        Assert.Equal(AudioSourceState.Running, source.State);
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(AudioSourceState.Faulted, source.State);
        Assert.Contains("no audio arrived for 2 s", source.Fault!.Message, StringComparison.Ordinal);
        Assert.True(source.WaitForClose(ThreadWait));
        Assert.True(session.Disposed);
        Assert.Equal(8 * 320, source.Statistics.CapturedFrames);
    }

    [Fact]
    public void Overflows_are_counted_and_logged_at_most_once_per_interval()
    {
        using var source = Make();
        source.Start(Ring());
        var session = _opener.Sessions.Single();
        for (var i = 0; i < 120; i++) // 30 s, an overflow every tick
        {
            session.Deliver(320);
            session.Overflow();
            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        var warnings = _log.Entries.Where(e => e.Id.Id == 204).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.Equal(40L, warnings[0].Values.Single(v => v.Key == "New").Value);
        Assert.Equal(120L, warnings[^1].Values.Single(v => v.Key == "Total").Value);
        Assert.Equal(120, source.Statistics.InputOverflows);

        // No new overflows: no more warnings.
        for (var i = 0; i < 80; i++)
        {
            session.Deliver(320);
            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.Equal(3, _log.Entries.Count(e => e.Id.Id == 204));
    }

    [Fact]
    public void Errors_that_retrying_cannot_fix_are_thrown_from_Start()
    {
        _opener.Throw = new ArgumentException("Audio:Channel is 3, but the stream has 2 channel(s)");
        using var source = Make();
        var e = Assert.Throws<ArgumentException>(() => source.Start(Ring()));
        Assert.Contains("Audio:Channel", e.Message, StringComparison.Ordinal);
        Assert.Equal(AudioSourceState.Stopped, source.State);
        Assert.Equal(0, _clock.ActiveTimers);
        _opener.Throw = null;
        source.Start(Ring());
        Assert.Equal(AudioSourceState.Running, source.State);
    }

    [Fact]
    public void A_ring_buffer_at_another_rate_is_refused()
    {
        using var source = Make();
        Assert.Throws<ArgumentException>(() => source.Start(new AudioRingBuffer(48000, 100)));
        Assert.Empty(_opener.Attempts);
    }

    [Fact]
    public void Retry_backoff_doubles_to_the_cap_and_resets()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalSeconds).ToArray();
        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }
}
