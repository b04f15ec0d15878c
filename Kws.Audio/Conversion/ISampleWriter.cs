namespace Kws.Audio.Conversion;

/// <summary>
/// Where converted audio goes (<see cref="AudioConverter.Process{TWriter}"/>): the ring buffer in the service. Contract:
/// <see cref="Write"/> takes mono float samples at the pipeline's rate in order, and returns without blocking.
/// </summary>
public interface ISampleWriter
{
    /// <summary>Takes the next samples of the stream.</summary>
    void Write(ReadOnlySpan<float> samples);
}
