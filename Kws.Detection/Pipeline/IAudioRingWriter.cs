using Kws.Audio.Conversion;

namespace Kws.Detection.Pipeline;

/// <summary>
/// The producer's side of the ring buffer: what an audio source may do with it (see <see cref="IAudioRingBuffer"/> for
/// the whole contract). Exactly one producer thread (a source's thread or audio callback) calls
/// <see cref="ISampleWriter.Write"/>, which appends mono float samples in [-1, 1] and never blocks, allocates or
/// throws; when the buffer is full the oldest unread samples are overwritten.
/// </summary>
public interface IAudioRingWriter : ISampleWriter
{
    /// <summary>The sample rate of the samples held, in Hz (the sample clock's rate).</summary>
    int SampleRateHz { get; }

    /// <summary>
    /// Samples that can be written now without overwriting unread ones. Read on the producer's thread it is a lower
    /// bound: the consumer only makes more room. A source that may wait (a file played as fast as the pipeline goes)
    /// waits for room; a live source never does.
    /// </summary>
    int Room { get; }

    /// <summary>
    /// Marks a discontinuity before the next sample written: the audio that follows does not continue what came before
    /// (a new capture stream). Producer side only, while no other write is under way; never blocks, allocates or throws.
    /// </summary>
    void MarkDiscontinuity();
}
