namespace EdgeService.Audio;

/// <summary>
/// The audio input cannot be used now (no such device, no device at all, the device refused to open, or it was lost
/// mid-stream). It may come back (a USB microphone plugged in again), so the capture supervisor retries.
/// </summary>
internal sealed class AudioDeviceUnavailableException : Exception
{
    /// <summary>Makes the exception with a message naming the device and the problem.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public AudioDeviceUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
