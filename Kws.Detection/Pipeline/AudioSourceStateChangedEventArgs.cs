namespace Kws.Detection.Pipeline;

/// <summary>Tells that an <see cref="IAudioSource"/> changed state.</summary>
/// <param name="state">The new state.</param>
/// <param name="fault">Why the source failed when <paramref name="state"/> is <see cref="AudioSourceState.Faulted"/>; otherwise null.</param>
public sealed class AudioSourceStateChangedEventArgs(AudioSourceState state, Exception? fault) : EventArgs
{
    /// <summary>The new state.</summary>
    public AudioSourceState State { get; } = state;

    /// <summary>Why the source failed, when <see cref="State"/> is <see cref="AudioSourceState.Faulted"/>; otherwise null.</summary>
    public Exception? Fault { get; } = fault;
}
