namespace EdgeService.Audio.PortAudio;

/// <summary>The PortAudio error codes this service looks at (PaErrorCode in portaudio.h; all negative but paNoError).</summary>
internal static class PaErrorCode
{
    /// <summary>paNoError.</summary>
    public const int NoError = 0;
}
