namespace EdgeService.Audio.PortAudio;

/// <summary>libportaudio.so.2 could not be loaded: says which package to install. Retrying does not help.</summary>
internal sealed class PortAudioLibraryMissingException : Exception
{
    /// <summary>Makes the exception around the loader's own error.</summary>
    /// <param name="inner">The <see cref="DllNotFoundException"/> (or similar) from the loader.</param>
    public PortAudioLibraryMissingException(Exception inner)
        : base(
            $"The PortAudio library ({PaNative.Library}) could not be loaded, so live capture (Audio:Source=portaudio) is " +
            "not available. Install it with 'sudo apt-get install libportaudio2' (Debian, Raspberry Pi OS, Ubuntu), or use " +
            $"a WAV file or stdin as the audio source. Loader said: {inner.Message}",
            inner)
    {
    }
}
