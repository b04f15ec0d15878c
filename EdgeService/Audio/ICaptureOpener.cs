using EdgeService.Pipeline;

namespace EdgeService.Audio;

/// <summary>Opens and starts a capture stream (the real one is PortAudio's; tests use fakes).</summary>
internal interface ICaptureOpener
{
    /// <summary>Opens the configured device and starts writing mono float samples into <paramref name="target"/>.</summary>
    /// <param name="target">The ring buffer; its rate is the output rate.</param>
    /// <exception cref="AudioDeviceUnavailableException">The device is absent or refused to open (worth retrying).</exception>
    /// <exception cref="ArgumentException">The settings are wrong (retrying does not help).</exception>
    ICaptureSession Open(IAudioRingBuffer target);
}
