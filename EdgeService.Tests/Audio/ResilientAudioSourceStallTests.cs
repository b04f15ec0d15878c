using Kws.Detection.Pipeline;
using EdgeService.Audio;
using EdgeService.Tests.Fakes;
using Microsoft.Extensions.Logging;

namespace EdgeService.Tests.Audio;

/// <summary>
/// A stream whose close hangs (the native stop waits for a device whose clock stopped): the source must never wait
/// for it beyond Audio:CloseTimeoutMs of its clock. The fake session's Dispose blocks until the test releases it.
/// </summary>
public sealed class ResilientAudioSourceStallTests
{
    private static readonly TimeSpan ThreadWait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new();
    private readonly RecordingLogger<ResilientAudioSource> _log = new();
    private readonly FakeCaptureOpener _opener;
    private readonly List<(AudioSourceState State, Exception? Fault)> _changes = [];

    public ResilientAudioSourceStallTests() => _opener = new FakeCaptureOpener(_clock) { BlockDispose = true };

    private static AudioOptions Options() => new()
    {
        RetryInitialDelayMs = 1000,
        StallTimeoutMs = 2000,
        HealthCheckIntervalMs = 250,
        CloseTimeoutMs = 3000,
    };

    private ResilientAudioSource Make()
    {
        var source = new ResilientAudioSource(_opener, Options(), _clock, _log);
        source.StateChanged += (_, e) => _changes.Add((e.State, e.Fault));
        return source;
    }

    /// <summary>Starts, delivers 1 s of audio, then lets the stream stall until the health check gives it up.</summary>
    private (ResilientAudioSource Source, AudioRingBuffer Ring, FakeCaptureSession Session) StartAndStall()
    {
        var source = Make();
        var ring = new AudioRingBuffer(16000, 500);
        source.Start(ring);
        var session = _opener.Sessions.Single();
        for (var i = 0; i < 4; i++)
        {
            session.Deliver(4000);
            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        _clock.Advance(TimeSpan.FromMilliseconds(2000)); // no audio for 2 s: lost, and the close begins
        Assert.Equal(AudioSourceState.Faulted, source.State);
        Assert.True(session.DisposeEntered.Wait(ThreadWait, TestContext.Current.CancellationToken), "the close never started");
        return (source, ring, session);
    }

    [Fact]
    public void A_stream_whose_close_hangs_is_abandoned_at_the_deadline_and_the_fault_becomes_final()
    {
        var (source, ring, session) = StartAndStall();
        using var _ = source;
        var lostAt = _clock.GetUtcNow();

        // The health check returned although Dispose is stuck, on a thread of its own; the source still answers.
        Assert.NotSame(Thread.CurrentThread, session.DisposedOn);
        Assert.False(session.DisposeReturned.IsSet);
        Assert.True(source.RecoversFromFaults);
        Assert.IsType<AudioDeviceUnavailableException>(source.Fault);
        Assert.Equal(16000, source.Statistics.CapturedFrames);
        Assert.Contains(_log.Entries, e => e.Id.Id == 203 && e.Message.Contains("'fake mic #1'", StringComparison.Ordinal));

        // No reopen while the old stream may still hold the device, though the first retry (1 s) is long due.
        _clock.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.Single(_opener.Attempts);
        Assert.True(source.RecoversFromFaults);

        // The deadline: the stream is abandoned; the fault names the device and the deadline and is final.
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(AudioSourceState.Faulted, source.State);
        Assert.False(source.RecoversFromFaults);
        var fault = Assert.IsType<AudioStreamAbandonedException>(source.Fault);
        Assert.Equal(lostAt + TimeSpan.FromMilliseconds(3000), _clock.GetUtcNow());
        Assert.Contains("Audio device 'fake mic #1' stalled and could not be closed within 3000 ms", fault.Message, StringComparison.Ordinal);
        Assert.Contains("no audio arrived for 2 s", fault.Message, StringComparison.Ordinal);
        Assert.Equal(fault, _changes[^1].Fault);
        Assert.Equal(0, _clock.ActiveTimers); // nothing more to check or retry
        Assert.False(session.DisposeReturned.IsSet);

        // Should the stuck stream wake up, its writes are dropped; nothing is ever reopened.
        var written = ring.WrittenSamples;
        _opener.Targets.Single().Write([0.5f]);
        Assert.Equal(written, ring.WrittenSamples);
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(_opener.Attempts);
        Assert.Equal(AudioSourceState.Faulted, source.State);

        // Stop does not wait for the abandoned stream again; a new start is refused with a reason.
        source.Stop();
        Assert.Equal(AudioSourceState.Stopped, source.State);
        var refused = Assert.Throws<InvalidOperationException>(() => source.Start(ring));
        Assert.Contains("could not be closed", refused.Message, StringComparison.Ordinal);
        session.Release();
        Assert.True(session.DisposeReturned.Wait(ThreadWait, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_slow_close_that_ends_before_the_deadline_is_followed_by_the_retry_counted_from_the_close()
    {
        var (source, _, session) = StartAndStall();
        using var _ = source;
        _clock.Advance(TimeSpan.FromMilliseconds(2500)); // the retry delay (1 s) passed while closing: no attempt
        Assert.Single(_opener.Attempts);

        session.Release();
        Assert.True(source.WaitForClose(ThreadWait));
        var closedAt = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Single(_opener.Attempts);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, _opener.Attempts.Count);
        Assert.Equal(closedAt + TimeSpan.FromSeconds(1), _opener.Attempts[^1]);
        Assert.Equal(AudioSourceState.Running, source.State);
        Assert.True(source.RecoversFromFaults);
        Assert.Equal(1, source.Statistics.Reconnects);

        // The deadline of the first close has gone with it: much later, nothing is abandoned.
        _opener.Sessions[1].BlockDispose = false;
        for (var i = 0; i < 20; i++)
        {
            _opener.Sessions[1].Deliver(4000);
            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.Equal(AudioSourceState.Running, source.State);
        Assert.True(source.RecoversFromFaults);
    }

    [Fact]
    public void Stop_gives_up_on_a_stream_stuck_in_its_driver_once_the_close_timeout_has_passed()
    {
        using var source = Make();
        var ring = new AudioRingBuffer(16000, 500);
        source.Start(ring);
        var session = _opener.Sessions.Single();
        session.Deliver(4000);

        var stop = new Thread(source.Stop) { IsBackground = true };
        stop.Start();
        Assert.True(session.DisposeEntered.Wait(ThreadWait, TestContext.Current.CancellationToken), "Stop never began closing");
        _opener.Targets.Single().Write([0.5f]);
        Assert.Equal(0, ring.WrittenSamples); // the gate is shut before the close begins
        Assert.True(stop.IsAlive);

        _clock.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.False(stop.Join(50));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(stop.Join(ThreadWait), "Stop did not return at the close deadline");

        Assert.Equal(AudioSourceState.Stopped, source.State);
        Assert.Contains(_log.Entries, e => e.Id.Id == 207 && e.Level == LogLevel.Warning
            && e.Message.Contains("'fake mic #1' could not be closed within 3000 ms at stop", StringComparison.Ordinal));
        Assert.DoesNotContain(_changes, c => c.State == AudioSourceState.Faulted);
        Assert.Throws<InvalidOperationException>(() => source.Start(ring));
        session.Release();
        Assert.True(session.DisposeReturned.Wait(ThreadWait, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_fault_that_retrying_cannot_fix_is_final()
    {
        _opener.Present = false;
        using var source = Make();
        source.Start(new AudioRingBuffer(16000, 500));
        Assert.True(source.RecoversFromFaults);

        _opener.Throw = new InvalidOperationException("libportaudio.so.2 is not installed");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AudioSourceState.Faulted, source.State);
        Assert.False(source.RecoversFromFaults);
        Assert.Contains("libportaudio", source.Fault!.Message, StringComparison.Ordinal);
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, _opener.Attempts.Count);
    }

    [Theory]
    [InlineData(99, false)]
    [InlineData(100, true)]
    [InlineData(60_000, true)]
    [InlineData(60_001, false)]
    public void CloseTimeoutMs_is_validated(int ms, bool valid)
    {
        var problems = new AudioOptions { CloseTimeoutMs = ms }.Validate();
        if (valid)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Equal($"Audio:CloseTimeoutMs is {ms}; it must be between 100 and 60000 ms.", Assert.Single(problems));
        }
    }
}
