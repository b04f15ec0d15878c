using System.Runtime.InteropServices;

namespace EdgeService.Audio.PortAudio;

/// <summary>
/// The PortAudio v19 C API (Debian's libportaudio2, 19.6), as much of it as capture needs. Layouts and constants follow
/// include/portaudio.h. C <c>unsigned long</c> (PaSampleFormat, PaStreamFlags, PaStreamCallbackFlags, frame counts) is
/// <see cref="nuint"/>: the service targets Linux (LP64 on arm64/x64, ILP32 on 32-bit ARM), where the two agree.
/// Nothing here is thread-safe except what PortAudio documents as such; <see cref="PortAudioSession"/> serialises
/// initialisation. A missing library surfaces as <see cref="DllNotFoundException"/> on the first call, which
/// <see cref="PortAudioSession.Open"/> turns into <see cref="PortAudioLibraryMissingException"/>.
/// </summary>
internal static unsafe partial class PaNative
{
    /// <summary>The shared object name of PortAudio v19 on Linux.</summary>
    public const string Library = "libportaudio.so.2";

    [LibraryImport(Library)]
    public static partial int Pa_Initialize();

    [LibraryImport(Library)]
    public static partial int Pa_Terminate();

    [LibraryImport(Library)]
    public static partial byte* Pa_GetErrorText(int errorCode);

    [LibraryImport(Library)]
    public static partial PaHostApiInfo* Pa_GetHostApiInfo(int hostApi);

    [LibraryImport(Library)]
    public static partial int Pa_GetDeviceCount();

    [LibraryImport(Library)]
    public static partial int Pa_GetDefaultInputDevice();

    [LibraryImport(Library)]
    public static partial PaDeviceInfo* Pa_GetDeviceInfo(int device);

    [LibraryImport(Library)]
    public static partial int Pa_IsFormatSupported(PaStreamParameters* inputParameters, PaStreamParameters* outputParameters, double sampleRate);

    [LibraryImport(Library)]
    public static partial int Pa_OpenStream(
        nint* stream,
        PaStreamParameters* inputParameters,
        PaStreamParameters* outputParameters,
        double sampleRate,
        nuint framesPerBuffer,
        nuint streamFlags,
        delegate* unmanaged[Cdecl]<void*, void*, nuint, PaStreamCallbackTimeInfo*, nuint, void*, int> streamCallback,
        void* userData);

    [LibraryImport(Library)]
    public static partial int Pa_StartStream(nint stream);

    [LibraryImport(Library)]
    public static partial int Pa_StopStream(nint stream);

    /// <summary>
    /// Closes the stream; one that is not stopped is aborted first, which on ALSA ends the callback thread with
    /// <c>pthread_cancel</c> and must never hit a thread running .NET code: stop it first (<see cref="Pa_StopStream"/>
    /// lets the callback return), and never close a stream <see cref="Pa_IsStreamStopped"/> does not call stopped.
    /// (Pa_AbortStream is not bound for the same reason.)
    /// </summary>
    [LibraryImport(Library)]
    public static partial int Pa_CloseStream(nint stream);

    /// <summary>1 when the stream is stopped, 0 when not, a negative error code otherwise.</summary>
    [LibraryImport(Library)]
    public static partial int Pa_IsStreamStopped(nint stream);

    [LibraryImport(Library)]
    public static partial int Pa_IsStreamActive(nint stream);

    /// <summary>The text of a PortAudio error code, e.g. "Invalid device".</summary>
    public static string ErrorText(int errorCode) =>
        Marshal.PtrToStringUTF8((nint)Pa_GetErrorText(errorCode)) ?? $"PortAudio error {errorCode}";
}
