using Kws.Audio;

namespace Kws.Detection.Pipeline;

/// <summary>
/// Where the pipeline's audio comes from (a WAV file, stdin, a PortAudio device). Contract:
/// <list type="bullet">
/// <item><b>Format.</b> A source writes mono <see cref="SampleType.Float32"/> in [-1, 1] at
/// <see cref="PipelineAudio.SampleRateHz"/>, the ring buffer's rate (it converts its native format through the one
/// chain, <see cref="Kws.Audio.Conversion.AudioConverter"/>).</item>
/// <item><b>Threading.</b> After <see cref="Start"/> the source writes into the ring buffer from its own thread or audio
/// callback, as the single producer of that buffer (<see cref="Kws.Audio.Conversion.ISampleWriter.Write"/> never blocks). Only one
/// buffer per start.</item>
/// <item><b>Sample clock.</b> The first sample written after <see cref="Start"/> has absolute index 0 (the buffer's
/// clock); a source never inserts or removes samples to keep up with the wall clock. A device that loses samples
/// itself (an input overflow) reports it through its own statistics, not by shifting the clock.</item>
/// <item><b>Faults.</b> A failure (a device lost, a read error) never throws into the audio callback or the caller of
/// <see cref="Start"/> after start-up: the source stops writing, sets <see cref="State"/> to
/// <see cref="AudioSourceState.Faulted"/>, keeps the exception in <see cref="Fault"/> and raises
/// <see cref="StateChanged"/>. <see cref="Start"/> itself throws when the source cannot open at all (no such file or
/// device), with a message naming it.</item>
/// <item><b>End of stream.</b> A finite source (file, stdin) sets <see cref="AudioSourceState.Completed"/> after its
/// last sample has been written.</item>
/// <item><b>Events.</b> <see cref="StateChanged"/> may be raised on the source's own thread, never inside a lock of
/// the source, in the order of the changes; handlers must return quickly and must not call <see cref="Stop"/> or
/// <see cref="IDisposable.Dispose"/> synchronously from it.</item>
/// </list>
/// </summary>
public interface IAudioSource : IDisposable
{
    /// <summary>The current state; safe to read from any thread.</summary>
    AudioSourceState State { get; }

    /// <summary>
    /// True when <see cref="AudioSourceState.Faulted"/> is temporary: the source retries by itself (a microphone that
    /// was unplugged) and returns to <see cref="AudioSourceState.Running"/>. False when a fault is final (a file). A
    /// recovering source turns it false, before it reports the fault, when it meets one retrying cannot fix (a
    /// microphone stream stuck in its driver); it never turns true again before the next <see cref="Start"/>.
    /// </summary>
    bool RecoversFromFaults { get; }

    /// <summary>Why the source failed when <see cref="State"/> is <see cref="AudioSourceState.Faulted"/>; otherwise null.</summary>
    Exception? Fault { get; }

    /// <summary>Raised on every change of <see cref="State"/> (possibly on the source's own thread).</summary>
    event EventHandler<AudioSourceStateChangedEventArgs>? StateChanged;

    /// <summary>
    /// Opens the source and starts writing into <paramref name="target"/>, whose sample rate must be
    /// <see cref="PipelineAudio.SampleRateHz"/>. Throws <see cref="InvalidOperationException"/> when already running.
    /// </summary>
    /// <param name="target">The ring buffer this source becomes the single producer of.</param>
    void Start(IAudioRingWriter target);

    /// <summary>
    /// Stops writing and releases the device; returns once the producer thread or callback no longer touches the buffer.
    /// A device stuck in its driver may be given up instead of released, after a bounded wait. Idempotent.
    /// </summary>
    void Stop();
}
