
using Kws.Detection.Pipeline;

namespace EdgeService.Audio;

/// <summary>
/// Opens and starts a capture stream (the real one is PortAudio's; tests use fakes). Open may block for as long as the
/// driver is stuck on a device: callers that must not hang run it on a thread of its own, with a deadline
/// (<see cref="DeadlineCall{T}"/>).
/// </summary>
internal interface ICaptureOpener
{
    /// <summary>Opens the configured device and starts writing mono float samples into <paramref name="target"/>.</summary>
    /// <param name="target">The ring buffer; its rate is the output rate.</param>
    /// <exception cref="AudioDeviceUnavailableException">The device is absent or refused to open (worth retrying).</exception>
    /// <exception cref="ArgumentException">The settings are wrong (retrying does not help).</exception>
    ICaptureSession Open(IAudioRingWriter target);
}
