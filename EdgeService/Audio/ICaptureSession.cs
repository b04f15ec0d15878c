namespace EdgeService.Audio;

/// <summary>
/// One opened, running capture stream writing into a ring buffer. Disposing stops it; once Dispose returns the
/// stream no longer writes. Dispose may block for as long as the driver is stuck (a native stop waits for a device
/// whose clock stopped): callers that must not hang dispose on a thread of their own, with a deadline
/// (<see cref="DeadlineCall{T}"/>). The counters and <see cref="FailureReason"/> may be read from any thread.
/// </summary>
internal interface ICaptureSession : IDisposable
{
    /// <summary>Says what is being captured, e.g. "'USB mic' (ALSA), 48000 Hz, 1 ch, Float32 -> 16000 Hz mono".</summary>
    string Description { get; }

    /// <summary>Native frames delivered by the device so far (grows while the stream is alive).</summary>
    long CapturedFrames { get; }

    /// <summary>Times the device reported lost input (an input overflow) so far.</summary>
    long InputOverflows { get; }

    /// <summary>Null while the stream is healthy; otherwise why it is not (it stopped, the callback failed).</summary>
    string? FailureReason { get; }
}
