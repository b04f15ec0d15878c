using Kws.Audio.Conversion;

namespace Kws.Detection.Pipeline;

/// <summary>
/// A lock-free single-producer single-consumer ring of mono float samples between the audio source and the pipeline
/// thread. Contract:
/// <list type="bullet">
/// <item><b>Threading.</b> Exactly one producer thread calls <see cref="ISampleWriter.Write"/> (the source's thread or audio callback)
/// and exactly one consumer thread calls <see cref="Read"/> and <see cref="Available"/>. The statistics
/// (<see cref="DroppedSamples"/>, <see cref="OverflowCount"/>; on <see cref="AudioRingBuffer"/> also its written and read positions)
/// may be read from any thread.</item>
/// <item><b>Producer.</b> <see cref="ISampleWriter.Write"/> never blocks, never allocates, never logs and never fails for lack of
/// room: it is safe in a real-time audio callback.</item>
/// <item><b>Sample clock.</b> Every sample has an absolute index: the number of samples written before it since the
/// buffer was made. <see cref="Read"/> tells the index of the first sample it copied.</item>
/// <item><b>Overflow.</b> When the consumer falls more than <see cref="Capacity"/> samples behind, the OLDEST unread
/// samples are overwritten. The consumer learns it on its next <see cref="Read"/>: <see cref="RingRead.Skipped"/>
/// says how many samples it lost (the first index it gets is exact), and the loss is added to
/// <see cref="DroppedSamples"/> (and one to <see cref="OverflowCount"/> per read that lost samples). Samples the
/// producer overwrites while the consumer is copying them are detected and counted as dropped too, never returned
/// torn. Once the consumer has caught up: samples read + <see cref="DroppedSamples"/> = samples written.</item>
/// <item><b>Discontinuity.</b> The producer may mark that the next sample does not continue the previous one (a new
/// capture stream after a device was lost: the sample clock runs on without a gap, but the audio does not belong
/// together). A read never spans the mark, and the first read at or past it says so
/// (<see cref="RingRead.AfterDiscontinuity"/>), so the consumer can start its windows afresh. Only the latest mark is
/// kept: marks closer together than the consumer reads may merge into one.</item>
/// </list>
/// </summary>
/// <remarks>
/// The producer sees only <see cref="IAudioRingWriter"/>: <see cref="ISampleWriter.Write"/> appends the samples (any
/// length; more than <see cref="Capacity"/> keeps only the newest). This interface adds what the consumer (the service
/// loop) and the statistics read.
/// </remarks>
public interface IAudioRingBuffer : IAudioRingWriter
{
    /// <summary>How many samples the buffer holds.</summary>
    int Capacity { get; }

    /// <summary>Samples lost to overflow so far (counted by the consumer when it reads).</summary>
    long DroppedSamples { get; }

    /// <summary>Reads that found samples lost to overflow so far.</summary>
    long OverflowCount { get; }

    /// <summary>Samples ready for the consumer now, at most <see cref="Capacity"/> (consumer thread only).</summary>
    int Available { get; }

    /// <summary>Copies up to <c>destination.Length</c> of the oldest unread samples into the start of <paramref name="destination"/>. Consumer thread only; never blocks or allocates.</summary>
    /// <param name="destination">Where to copy; may be shorter or longer than what is available.</param>
    /// <returns>How many samples were copied, the absolute index of the first, and how many were skipped for overflow.</returns>
    RingRead Read(Span<float> destination);
}
