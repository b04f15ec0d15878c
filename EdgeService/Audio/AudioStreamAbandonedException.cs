namespace EdgeService.Audio;

/// <summary>
/// A capture stream could not be closed within <c>Audio:CloseTimeoutMs</c>: its native stop is stuck in the driver
/// (a device whose clock stopped while open), so the stream was given up. Capture cannot be reopened in this process
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

    /// <summary>The session's description (names the device).</summary>
    public string Device { get; }

    /// <summary>The deadline the close missed, ms.</summary>
    public int TimeoutMs { get; }
}
