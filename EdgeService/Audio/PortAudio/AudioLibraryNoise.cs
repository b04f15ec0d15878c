using System.Runtime.InteropServices;

namespace EdgeService.Audio.PortAudio;

/// <summary>
/// Stops the audio libraries under PortAudio from printing on standard error. ALSA's library prints a line for every
/// configuration entry it cannot resolve and JACK's for every failed attempt to reach a server: 65 lines for one
/// <c>kws-edge devices</c> on a machine without a sound card, hundreds a minute while an unplugged microphone is
/// retried, none of them ours and none of them useful in the journal. The service says what matters in its own words
/// (no devices found, the microphone it waits for). Both libraries take an error handler: a handler that ignores
/// everything is installed once per process, before the first <c>Pa_Initialize</c>. With <c>KWS_DEBUG=1</c> the
/// libraries print as they always did. The libraries stay loaded for the life of the process (PortAudio uses them).
/// </summary>
internal static unsafe class AudioLibraryNoise
{
    private static int s_silenced;

    /// <summary>Installs the ignoring handlers (once; does nothing where a library is not installed).</summary>
    public static void Silence()
    {
        if (Interlocked.Exchange(ref s_silenced, 1) == 1 || Environment.GetEnvironmentVariable("KWS_DEBUG") == "1")
        {
            return;
        }

        // int snd_lib_error_set_handler(snd_lib_error_handler_t handler): the handler is variadic in C, and a callee
        // with only the fixed parameters is called correctly on the System V x86-64 and AArch64 Linux conventions.
        if (NativeLibrary.TryLoad("libasound.so.2", out var alsa) && NativeLibrary.TryGetExport(alsa, "snd_lib_error_set_handler", out var setAlsa))
        {
            ((delegate* unmanaged<delegate* unmanaged<nint, int, nint, int, nint, void>, int>)setAlsa)(&IgnoreAlsa);
        }

        // void jack_set_error_function(void (*)(const char *)), and the same for information messages.
        if (NativeLibrary.TryLoad("libjack.so.0", out var jack))
        {
            foreach (var name in new[] { "jack_set_error_function", "jack_set_info_function" })
            {
                if (NativeLibrary.TryGetExport(jack, name, out var set))
                {
                    ((delegate* unmanaged<delegate* unmanaged<nint, void>, void>)set)(&IgnoreJack);
                }
            }
        }
    }

    [UnmanagedCallersOnly]
    private static void IgnoreAlsa(nint file, int line, nint function, int error, nint format)
    {
    }

    [UnmanagedCallersOnly]
    private static void IgnoreJack(nint message)
    {
    }
}
