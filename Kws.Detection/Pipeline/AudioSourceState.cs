namespace Kws.Detection.Pipeline;

/// <summary>Where an <see cref="IAudioSource"/> stands.</summary>
public enum AudioSourceState
{
    /// <summary>Not started, or stopped by <see cref="IAudioSource.Stop"/>.</summary>
    Stopped,

    /// <summary>Started: audio is flowing into the ring buffer.</summary>
    Running,

    /// <summary>The stream ended by itself (end of a file or of stdin); every sample has been written.</summary>
    Completed,

    /// <summary>The source failed (e.g. the device was unplugged); <see cref="IAudioSource.Fault"/> says why. No more audio comes.</summary>
    Faulted,
}
