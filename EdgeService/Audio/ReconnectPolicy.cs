using Kws.Detection.Pipeline;

namespace EdgeService.Audio;

/// <summary>
/// The live capture's reconnect rules, apart from streams, threads, timers and locks (which
/// <see cref="ResilientAudioSource"/> keeps): the state the source shows, when a lost or absent device is tried again
/// (a back-off that doubles from the first delay to the cap and starts again after a success), when a fault is final,
/// and the counts the stats line shows. Pure: every method is a transition on the events the source reports, and
/// returns what the source must do (arm a retry after a delay, or nothing). Not thread-safe: the source calls it under
/// its lock.
/// </summary>
/// <param name="backoff">The retry delays.</param>
internal sealed class ReconnectPolicy(RetryBackoff backoff)
{
    private TimeSpan? _retryAfterClose;

    /// <summary>What the source shows.</summary>
    public AudioSourceState State { get; private set; } = AudioSourceState.Stopped;

    /// <summary>The fault behind <see cref="AudioSourceState.Faulted"/>; null otherwise.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>A fault retrying cannot fix happened: no more retries.</summary>
    public bool IsFinal { get; private set; }

    /// <summary>What was abandoned in the driver (the process cannot capture again); null when nothing was.</summary>
    public string? Stuck { get; private set; }

    /// <summary>Faults so far (losses, failed opens, final faults).</summary>
    public int Faults { get; private set; }

    /// <summary>Times a stream was opened again after a loss.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Failed attempts since the last stream was opened.</summary>
    public int FailedAttempts { get; private set; }

    /// <summary>Whether a stream has been open since <see cref="Started"/>: the next one's audio does not continue it.</summary>
    public bool HadSession { get; private set; }

    /// <summary>Capture starts: a fresh back-off and count of attempts.</summary>
    /// <exception cref="InvalidOperationException">A call is stuck in the driver from an earlier start.</exception>
    public void Started()
    {
        if (Stuck is not null)
        {
            throw new InvalidOperationException($"Audio capture cannot start again in this process: {Stuck} and is still stuck in the audio driver.");
        }

        IsFinal = false;
        backoff.Reset();
        FailedAttempts = 0;
        HadSession = false;
    }

    /// <summary>A stream is open and writing.</summary>
    /// <returns>For a reconnect, the failed attempts before it (to log); null for the first stream.</returns>
    public int? Opened()
    {
        int? reconnectAfter = null;
        if (HadSession)
        {
            Reconnects++;
            reconnectAfter = FailedAttempts;
        }

        HadSession = true;
        FailedAttempts = 0;
        backoff.Reset();
        Show(AudioSourceState.Running, null);
        return reconnectAfter;
    }

    /// <summary>
    /// The device is absent or the stream was lost: Faulted, and a retry after the next back-off delay. While the old
    /// stream is still being closed (<paramref name="closing"/>), the retry waits for the close, so that two streams
    /// never overlap on one device.
    /// </summary>
    /// <returns>The delay to wait, and whether to arm the retry now (false: once the close returns).</returns>
    public (TimeSpan Delay, bool ArmNow) Failed(Exception fault, bool closing)
    {
        Faults++;
        FailedAttempts++;
        var delay = backoff.Next();
        Show(AudioSourceState.Faulted, fault);
        if (closing)
        {
            _retryAfterClose = delay;
        }

        return (delay, !closing);
    }

    /// <summary>The old stream's close returned.</summary>
    /// <param name="capturing">Whether capture is still started.</param>
    /// <returns>The retry delay to arm now, if one waited for the close.</returns>
    public TimeSpan? Closed(bool capturing)
    {
        var delay = capturing ? _retryAfterClose : null;
        if (delay is not null)
        {
            _retryAfterClose = null;
        }

        return delay;
    }

    /// <summary>A fault retrying cannot fix (the library gone, bad settings): Faulted for good.</summary>
    public void GaveUp(Exception fault)
    {
        IsFinal = true;
        Faults++;
        Show(AudioSourceState.Faulted, fault);
    }

    /// <summary>
    /// A call stuck in the driver was abandoned (<paramref name="stuck"/> says which). While capturing, the fault is
    /// final; during a stop it is not a fault of the capture.
    /// </summary>
    /// <param name="stuck">What was abandoned.</param>
    /// <param name="faultWhileCapturing">The fault to show, when capture is started; null during a stop.</param>
    public void Abandoned(string stuck, Exception? faultWhileCapturing)
    {
        Stuck = stuck;
        _retryAfterClose = null;
        if (faultWhileCapturing is not null)
        {
            GaveUp(faultWhileCapturing);
        }
    }

    /// <summary>Whether a retry that fell due may open a stream now.</summary>
    /// <param name="capturing">Whether capture is started.</param>
    /// <param name="busy">Whether a stream is open, being opened or being closed.</param>
    public bool MayRetry(bool capturing, bool busy) => capturing && !busy && !IsFinal;

    /// <summary>Capture stopped: no retry waits any more.</summary>
    public void Stopping() => _retryAfterClose = null;

    /// <summary>Capture has stopped.</summary>
    public void Stopped() => Show(AudioSourceState.Stopped, null);

    private void Show(AudioSourceState state, Exception? fault)
    {
        State = state;
        Fault = fault;
    }
}
