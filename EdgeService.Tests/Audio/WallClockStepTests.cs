using Kws.Detection.Pipeline;
using EdgeService.Audio;
using EdgeService.Tests.Fakes;

namespace EdgeService.Tests.Audio;

/// <summary>
/// A Raspberry Pi has no real-time clock: it boots with the time it saved at shutdown and steps its wall clock by
/// hours or days when NTP first syncs, usually while the service already runs. Stall detection must run on the
/// monotonic clock, so that such a step neither fakes a stall nor hides one.
/// </summary>
public sealed class WallClockStepTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly RecordingLogger<ResilientAudioSource> _log = new();
    private readonly FakeCaptureOpener _opener;

    public WallClockStepTests() => _opener = new FakeCaptureOpener(_clock);

    private ResilientAudioSource Start()
    {
        var options = new AudioOptions { StallTimeoutMs = 2000, HealthCheckIntervalMs = 250, RetryInitialDelayMs = 1000 };
        var source = new ResilientAudioSource(_opener, options, _clock, _log);
        source.Start(new AudioRingBuffer(16000, 500));
        return source;
    }

    [Fact]
    public void A_step_forward_while_audio_arrives_in_long_periods_is_not_a_stall()
    {
        using var source = Start();
        var session = _opener.Sessions.Single();
        for (var period = 0; period < 10; period++)
        {
            // A device that delivers 500 ms at a time: every other health check sees no new frames.
            session.Deliver(8000);
            _clock.Advance(TimeSpan.FromMilliseconds(250));
            if (period == 3)
            {
                _clock.StepWallClock(TimeSpan.FromHours(3)); // NTP's first sync, between two checks
            }

            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.Equal(AudioSourceState.Running, source.State);
        Assert.Null(source.Fault);
        Assert.Single(_opener.Attempts); // never closed and reopened
    }

    [Fact]
    public void A_step_back_does_not_hide_a_stall()
    {
        using var source = Start();
        var session = _opener.Sessions.Single();
        session.Deliver(16000);
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        _clock.StepWallClock(TimeSpan.FromHours(-3)); // the saved time was ahead of the real one

        // The device stops delivering: lost after 2 s of monotonic time, not 3 h later.
        _clock.Advance(TimeSpan.FromMilliseconds(2000));
        Assert.Equal(AudioSourceState.Faulted, source.State);
        var fault = Assert.IsType<AudioDeviceUnavailableException>(source.Fault);
        Assert.Contains("no audio arrived for 2 s", fault.Message, StringComparison.Ordinal);
    }
}
