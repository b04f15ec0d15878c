namespace EdgeService.Audio;

/// <summary>
/// A capture stream could not be closed within <c>Audio:CloseTimeoutMs</c>: its native stop is stuck in the driver
/// (a device whose clock stopped while open), so the stream was given up; or its stop failed and it is still running,
/// so it is left open (closing it would abort it). Capture cannot be reopened in this process
/// (PortAudio cannot be terminated or initialised again while a call is stuck in it): the fault is final, and the
/// service exits so that its supervisor (systemd's <c>Restart=</c>) starts it again.
/// </summary>
internal sealed class AudioStreamAbandonedException : Exception
{
    /// <summary>Makes the exception for the stream of <paramref name="device"/>.</summary>
    /// <param name="device">The session's description (names the device).</param>
    /// <param name="reason">Why it was being closed (e.g. "no audio arrived for 2 s").</param>
    /// <param name="timeoutMs">The deadline it missed, ms.</param>
    public AudioStreamAbandonedException(string device, string reason, int timeoutMs)
        : base($"Audio device {device} stalled and could not be closed within {timeoutMs} ms (it was being closed because {reason}); " +
               "the stream is abandoned and capture cannot be reopened in this process: the service must be restarted.")
    {
        Device = device;
        TimeoutMs = timeoutMs;
    }

    /// <summary>Makes the exception for a stream of <paramref name="device"/> whose stop failed.</summary>
    /// <param name="device">The session's description (names the device).</param>
    /// <param name="stopFailure">What the stop said, e.g. "Pa_StopStream failed: Unanticipated host error (-9999)".</param>
    public AudioStreamAbandonedException(string device, string stopFailure)
        : base($"Audio device {device} could not be stopped ({stopFailure}); the stream is left open and capture cannot be " +
               "reopened in this process: the service must be restarted.")
    {
        Device = device;
    }

    /// <summary>The session's description (names the device).</summary>
    public string Device { get; }

    /// <summary>The deadline the close missed, ms (0 when the stop failed instead).</summary>
    public int TimeoutMs { get; }
}
