namespace EdgeService.Audio;

/// <summary>
/// A source that can tell how live capture is going: the device's own input overflows (audio lost before it reached
/// the ring buffer), reconnects and faults, for the stats line. <see cref="Statistics"/> is safe from any thread.
/// </summary>
internal interface ICaptureStatistics
{
    /// <summary>A snapshot of the counters since Start.</summary>
    AudioCaptureStatistics Statistics { get; }
}
