namespace EdgeService.Audio.PortAudio;

/// <summary>The PortAudio error codes this service looks at (PaErrorCode in portaudio.h; all negative but paNoError).</summary>
internal static class PaErrorCode
{
    /// <summary>paNoError.</summary>
    public const int NoError = 0;

    /// <summary>paNotInitialized: the first error code; the rest count up from it.</summary>
    public const int NotInitialized = -10000;

    /// <summary>paInvalidChannelCount.</summary>
    public const int InvalidChannelCount = -9998;

    /// <summary>paInvalidSampleRate.</summary>
    public const int InvalidSampleRate = -9997;

    /// <summary>paInvalidDevice.</summary>
    public const int InvalidDevice = -9996;

    /// <summary>paSampleFormatNotSupported.</summary>
    public const int SampleFormatNotSupported = -9994;

    /// <summary>paDeviceUnavailable.</summary>
    public const int DeviceUnavailable = -9985;

    /// <summary>paInputOverflowed.</summary>
    public const int InputOverflowed = -9981;

    /// <summary>paNoDevice: the PaDeviceIndex meaning "none".</summary>
    public const int NoDevice = -1;
}
