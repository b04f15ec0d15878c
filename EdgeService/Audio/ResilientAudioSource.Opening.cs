using Kws.Detection.Pipeline;
using Microsoft.Extensions.Logging;

namespace EdgeService.Audio;

/// <content>Opening a stream, bounded by OpenTimeoutMs: each open runs on a thread of its own (<see cref="DeadlineCall{T}"/>).</content>
internal sealed partial class ResilientAudioSource
{
    /// <summary>Starts opening a stream on a thread of its own (under the lock); the caller waits for it outside.</summary>
    private DeadlineCall<ICaptureSession> BeginOpen(IAudioRingWriter target, bool atStart)
    {
        if (_policy.HadSession)
        {
            // A reconnect: the new stream's audio does not continue the old one's (no stream writes now: the old
            // one's gate is shut, the new one not opened yet).
            target.MarkDiscontinuity();
        }

        var gate = new SessionWriteGate(target);
        _opening = DeadlineCall<ICaptureSession>.Start(
            "audio-open",
            () => _opener.Open(gate),
            TimeSpan.FromMilliseconds(_options.OpenTimeoutMs),
            _time,
            (call, outcome) => OnOpenChanged(gate, call, outcome, atStart));
        return _opening;
    }

    /// <summary>The opening thread or the deadline timer reports how the open went.</summary>
    private void OnOpenChanged(SessionWriteGate gate, DeadlineCall<ICaptureSession> call, DeadlineCallOutcome outcome, bool atStart)
    {
        ICaptureSession? late = null;
        using (_lock.Enter())
        {
            switch (outcome)
            {
                case DeadlineCallOutcome.Returned:
                    _opening = null;
                    OpenReturned(gate, call, atStart);
                    break;

                case DeadlineCallOutcome.Abandoned:
                    _opening = null;
                    gate.Close();
                    Abandoned(
                        "an earlier open did not finish",
                        () => AudioCaptureLog.OpenAbandonedAtStop(_logger, AudioOpenAbandonedException.Describe(_options.Device), _options.OpenTimeoutMs),
                        () => new AudioOpenAbandonedException(_options.Device, _options.OpenTimeoutMs));
                    break;

                case DeadlineCallOutcome.ReturnedLate:
                    late = call.Result;
                    AudioCaptureLog.OpenedLate(_logger, AudioOpenAbandonedException.Describe(_options.Device), call.Took?.TotalMilliseconds ?? 0);
                    break;
            }
        }

        late?.Dispose(); // its gate is shut: the stream an abandoned open started never wrote; stop it on this thread
    }

    private void OpenReturned(SessionWriteGate gate, DeadlineCall<ICaptureSession> call, bool atStart)
    {
        switch (call.Error)
        {
            case null when _target is null:
                // Stopped while opening: Stop closes it.
                _gate = gate;
                _session = call.Result!;
                break;

            case null:
                Install(gate, call.Result!);
                break;

            case AudioDeviceUnavailableException unavailable when _target is not null:
                Failed(unavailable, session: null);
                break;

            case AudioDeviceUnavailableException:
                break;

            case { } error when !atStart && _target is not null:
                // Not a device problem (library gone, bad settings): retrying will not help.
                AudioCaptureLog.GaveUp(_logger, error.Message, error);
                _policy.GaveUp(error);
                Publish();
                break;

            default:
                break; // at start, Start throws it
        }
    }

    private void Install(SessionWriteGate gate, ICaptureSession session)
    {
        _gate = gate;
        _session = session;
        _health.Attach(session, MonotonicNow);
        if (_policy.Opened() is { } failedAttempts)
        {
            AudioCaptureLog.Reconnected(_logger, failedAttempts, session.Description);
        }
        else
        {
            AudioCaptureLog.Capturing(_logger, session.Description);
        }

        Publish();
    }
}
