using EdgeService.Audio;
using Kws.Detection.Pipeline;

namespace EdgeService.Tests.Audio;

/// <summary>The reconnect rules alone: no stream, thread, timer or clock, only the events and what they lead to.</summary>
public sealed class ReconnectPolicyTests
{
    private static ReconnectPolicy Make() => new(new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)));

    [Fact]
    public void An_absent_device_is_retried_with_a_doubling_delay_up_to_the_cap_and_the_first_stream_is_not_a_reconnect()
    {
        var policy = Make();
        policy.Started();
        var absent = new AudioDeviceUnavailableException("no microphone");
        Assert.Equal((TimeSpan.FromSeconds(1), true), policy.Failed(absent, closing: false));
        Assert.Equal((TimeSpan.FromSeconds(2), true), policy.Failed(absent, closing: false));
        Assert.Equal((TimeSpan.FromSeconds(4), true), policy.Failed(absent, closing: false));
        Assert.Equal((TimeSpan.FromSeconds(4), true), policy.Failed(absent, closing: false));
        Assert.Equal(AudioSourceState.Faulted, policy.State);
        Assert.Same(absent, policy.Fault);
        Assert.False(policy.IsFinal);
        Assert.Equal(4, policy.FailedAttempts);

        Assert.Null(policy.Opened()); // the first stream: not a reconnect
        Assert.Equal(AudioSourceState.Running, policy.State);
        Assert.Null(policy.Fault);
        Assert.Equal((0, 4), (policy.Reconnects, policy.Faults));
    }

    [Fact]
    public void A_lost_stream_waits_for_its_close_before_the_retry_and_the_back_off_starts_again_after_a_success()
    {
        var policy = Make();
        policy.Started();
        policy.Opened();
        Assert.True(policy.HadSession);

        var lost = new AudioDeviceUnavailableException("unplugged");
        Assert.Equal((TimeSpan.FromSeconds(1), false), policy.Failed(lost, closing: true));
        Assert.False(policy.MayRetry(capturing: true, busy: true)); // the old stream is still closing
        Assert.Equal(TimeSpan.FromSeconds(1), policy.Closed(capturing: true));
        Assert.Null(policy.Closed(capturing: true)); // armed once only
        Assert.True(policy.MayRetry(capturing: true, busy: false));

        Assert.Equal((TimeSpan.FromSeconds(2), true), policy.Failed(lost, closing: false));
        Assert.Equal(2, policy.Opened()); // a reconnect after two failed attempts
        Assert.Equal(1, policy.Reconnects);
        Assert.Equal((TimeSpan.FromSeconds(1), true), policy.Failed(lost, closing: false)); // the back-off started again
    }

    [Fact]
    public void A_stop_while_a_close_is_pending_leaves_no_retry()
    {
        var policy = Make();
        policy.Started();
        policy.Opened();
        policy.Failed(new AudioDeviceUnavailableException("gone"), closing: true);
        policy.Stopping();
        Assert.Null(policy.Closed(capturing: false));
        policy.Stopped();
        Assert.Equal(AudioSourceState.Stopped, policy.State);
        Assert.Null(policy.Fault);
    }

    [Fact]
    public void A_fault_retrying_cannot_fix_is_final_until_the_next_start()
    {
        var policy = Make();
        policy.Started();
        policy.GaveUp(new InvalidOperationException("libportaudio.so.2 is gone"));
        Assert.True(policy.IsFinal);
        Assert.Equal(AudioSourceState.Faulted, policy.State);
        Assert.False(policy.MayRetry(capturing: true, busy: false));
        policy.Started();
        Assert.False(policy.IsFinal);
        Assert.True(policy.MayRetry(capturing: true, busy: false));
    }

    [Fact]
    public void A_call_abandoned_in_the_driver_is_final_while_capturing_and_forbids_another_start()
    {
        var policy = Make();
        policy.Started();
        policy.Opened();
        policy.Failed(new AudioDeviceUnavailableException("stalled"), closing: true);
        var stuck = new AudioStreamAbandonedException("hw:1,0", "it stalled", 2000);
        policy.Abandoned("an earlier stream could not be closed", stuck);
        Assert.True(policy.IsFinal);
        Assert.Same(stuck, policy.Fault);
        Assert.Null(policy.Closed(capturing: true)); // the retry that waited for the close is gone
        var e = Assert.Throws<InvalidOperationException>(policy.Started);
        Assert.Contains("an earlier stream could not be closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_call_abandoned_during_a_stop_is_no_fault_of_the_capture()
    {
        var policy = Make();
        policy.Started();
        policy.Opened();
        policy.Abandoned("an earlier stream could not be closed", faultWhileCapturing: null);
        Assert.False(policy.IsFinal);
        Assert.Equal(AudioSourceState.Running, policy.State);
        Assert.Equal(0, policy.Faults);
        Assert.NotNull(policy.Stuck);
    }
}
