namespace EdgeService.Audio;

/// <summary>
/// Opening the capture stream did not finish within <c>Audio:OpenTimeoutMs</c>: the open (PortAudio's device scan,
/// Pa_OpenStream or Pa_StartStream) is stuck in the audio driver, so it was given up. Capture cannot be retried in
/// this process (PortAudio cannot be used again while a call is stuck in it): the fault is final, and the service
/// exits so that its supervisor (systemd's <c>Restart=</c>) starts it again.
/// </summary>
internal sealed class AudioOpenAbandonedException : Exception
{
    /// <summary>Makes the exception for the device chosen by <paramref name="deviceSetting"/>.</summary>
    /// <param name="deviceSetting">The <c>Audio:Device</c> setting (empty: the default input device).</param>
    /// <param name="timeoutMs">The deadline it missed, ms.</param>
    public AudioOpenAbandonedException(string deviceSetting, int timeoutMs)
        : base($"Opening the audio input ({Describe(deviceSetting)}) did not finish within {timeoutMs} ms: it is stuck in the audio driver; " +
               "capture cannot be retried in this process: the service must be restarted.")
    {
        TimeoutMs = timeoutMs;
    }

    /// <summary>The deadline the open missed, ms.</summary>
    public int TimeoutMs { get; }

    /// <summary>Names the device as the settings choose it.</summary>
    /// <param name="deviceSetting">The <c>Audio:Device</c> setting.</param>
    /// <returns>E.g. "Audio:Device 'usb'" or "the default input device".</returns>
    public static string Describe(string deviceSetting) =>
        string.IsNullOrWhiteSpace(deviceSetting) ? "the default input device" : $"Audio:Device '{deviceSetting}'";
}
