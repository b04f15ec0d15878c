namespace EdgeService.Audio.PortAudio;

/// <summary>PaStreamCallbackFlags, PaStreamFlags and PaStreamCallbackResult values (portaudio.h).</summary>
internal static class PaStreamStatus
{
    /// <summary>paInputOverflow: input before this buffer was discarded (the callback or the system fell behind).</summary>
    public const uint InputOverflow = 0x00000002;

    /// <summary>paNoFlag for Pa_OpenStream.</summary>
    public const uint NoFlag = 0;

    /// <summary>paContinue: the callback wants more.</summary>
    public const int Continue = 0;

    /// <summary>paAbort: stop as soon as possible.</summary>
    public const int Abort = 2;
}
