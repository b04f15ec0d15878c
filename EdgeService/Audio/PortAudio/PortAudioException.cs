namespace EdgeService.Audio.PortAudio;

/// <summary>A PortAudio call failed: names the call, PortAudio's error code and its text.</summary>
internal sealed class PortAudioException : Exception
{
    /// <summary>Makes the exception for <paramref name="operation"/> failing with <paramref name="errorCode"/>.</summary>
    /// <param name="operation">What was being done, e.g. "Pa_OpenStream on 'USB mic'".</param>
    /// <param name="errorCode">The PaError returned.</param>
    /// <param name="errorText">PortAudio's text for the code.</param>
    public PortAudioException(string operation, int errorCode, string errorText)
        : base($"{operation} failed: {errorText} (PortAudio error {errorCode}).")
    {
        ErrorCode = errorCode;
    }

    /// <summary>The PaError code (negative).</summary>
    public int ErrorCode { get; }

    /// <summary>Throws when <paramref name="errorCode"/> is negative (an error), with PortAudio's text.</summary>
    public static void ThrowIfError(int errorCode, string operation)
    {
        if (errorCode < 0)
        {
            throw new PortAudioException(operation, errorCode, PaNative.ErrorText(errorCode));
        }
    }
}
