namespace Kws.Detection.Pipeline;

/// <summary>What one <see cref="IAudioRingBuffer.Read"/> returned.</summary>
/// <param name="Count">Samples copied to the start of the destination (0 when nothing was available).</param>
/// <param name="FirstSampleIndex">
/// Absolute sample index (sample clock) of the first sample copied; when <paramref name="Count"/> is 0, the index the
/// next sample will have.
/// </param>
/// <param name="Skipped">
/// Samples lost to overflow since the previous read, immediately before <paramref name="FirstSampleIndex"/>
/// (the consumer's previous end + <paramref name="Skipped"/> = <paramref name="FirstSampleIndex"/>).
/// </param>
/// <param name="AfterDiscontinuity">
/// True when the producer marked a discontinuity (<see cref="IAudioRingWriter.MarkDiscontinuity"/>) since the previous
/// read, at or before <paramref name="FirstSampleIndex"/>: these samples do not continue the ones read before.
/// </param>
public readonly record struct RingRead(int Count, long FirstSampleIndex, long Skipped, bool AfterDiscontinuity = false)
{
    /// <summary>The absolute sample index just after the last sample copied.</summary>
    public long EndSampleIndex => FirstSampleIndex + Count;
}
