using Kws.Detection.Pipeline;
using Microsoft.Extensions.Logging;

namespace EdgeService.Audio;

/// <content>Closing a stream, bounded by CloseTimeoutMs, and what follows a call abandoned in the driver.</content>
internal sealed partial class ResilientAudioSource
{
    /// <summary>
    /// A call stuck in the driver was abandoned (under the lock): PortAudio cannot be used again in this process, so
    /// no timer fires any more. Under a running capture the fault is final (the host reports it in one error line and
    /// exits, so nothing is logged here); during <see cref="Stop"/> it is only logged.
    /// </summary>
    private void Abandoned(string stuck, Action logAtStop, Func<Exception> fault)
    {
        _retryTimer?.Dispose();
        _retryTimer = null;
        _healthTimer?.Dispose();
        _healthTimer = null;
        if (_target is null)
        {
            _policy.Abandoned(stuck, faultWhileCapturing: null);
            logAtStop();
        }
        else
        {
            _policy.Abandoned(stuck, fault());
            Publish();
        }
    }

    /// <summary>Shuts the session's gate and starts closing it on a thread of its own (under the lock).</summary>
    private DeadlineCall<ICaptureSession> BeginClose(string reason)
    {
        var session = _session!;
        _session = null;
        _gate!.Close();
        _gate = null;
        _health.Detach(session);
        _closingReason = reason;
        _closing = DeadlineCall<ICaptureSession>.Start(
            "audio-close",
            () => DisposeAndReturn(session),
            TimeSpan.FromMilliseconds(_options.CloseTimeoutMs),
            _time,
            (call, outcome) => OnCloseChanged(session, call, outcome));
        return _closing;
    }

    private static ICaptureSession DisposeAndReturn(ICaptureSession session)
    {
        session.Dispose();
        return session;
    }

    /// <summary>The closing thread or the deadline timer reports how the close went.</summary>
    private void OnCloseChanged(ICaptureSession session, DeadlineCall<ICaptureSession> closer, DeadlineCallOutcome outcome)
    {
        using (_lock.Enter())
        {
            var device = session.Description;
            switch (outcome)
            {
                case DeadlineCallOutcome.Returned when closer.Error is AudioStreamAbandonedException left:
                    // The stop failed and the stream still runs: left open (closing would abort it), so final.
                    _closing = null;
                    Abandoned(
                        "an earlier stream could not be stopped",
                        () => AudioCaptureLog.CloseFailed(_logger, device, left.Message, left),
                        () => left);
                    break;

                case DeadlineCallOutcome.Returned:
                    _closing = null;
                    if (closer.Error is { } error)
                    {
                        AudioCaptureLog.CloseFailed(_logger, device, error.Message, error);
                    }

                    if (_policy.Closed(capturing: _target is not null) is { } delay)
                    {
                        ArmRetry(delay);
                    }

                    break;

                case DeadlineCallOutcome.Abandoned:
                    _closing = null;
                    var reason = _closingReason ?? "it failed";
                    Abandoned(
                        "an earlier stream could not be closed",
                        () => AudioCaptureLog.AbandonedAtStop(_logger, device, _options.CloseTimeoutMs),
                        () => new AudioStreamAbandonedException(device, reason, _options.CloseTimeoutMs));
                    break;

                case DeadlineCallOutcome.ReturnedLate:
                    AudioCaptureLog.ClosedLate(_logger, device, closer.Took?.TotalMilliseconds ?? 0);
                    break;
            }
        }
    }
}
