namespace EdgeService.Health;

/// <summary>
/// What the service reports about itself to systemd and the stats line: whether audio has started flowing and how
/// far the sample clock has come. Written by the pipeline thread, read by others.
/// </summary>
internal sealed class ServiceHealth
{
    private long _samples = -1;

    /// <summary>Samples the pipeline has consumed; -1 before the first audio arrives.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>True once audio has reached the pipeline.</summary>
    public bool AudioFlowing => Samples >= 0;

    /// <summary>Records that the pipeline has consumed audio up to <paramref name="endSampleIndex"/>.</summary>
    public void AudioProgressed(long endSampleIndex) => Interlocked.Exchange(ref _samples, endSampleIndex);
}
