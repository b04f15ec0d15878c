using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeService.Audio.PortAudio;

/// <summary>The PaStreamCallback handed to Pa_OpenStream: forwards to the <see cref="CaptureCallbackState"/> in userData.</summary>
internal static unsafe class CaptureCallback
{
    /// <summary>The function pointer for Pa_OpenStream.</summary>
    public static delegate* unmanaged[Cdecl]<void*, void*, nuint, PaStreamCallbackTimeInfo*, nuint, void*, int> Pointer => &OnAudio;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnAudio(void* input, void* output, nuint frameCount, PaStreamCallbackTimeInfo* timeInfo, nuint statusFlags, void* userData)
    {
        var state = GCHandle<CaptureCallbackState>.FromIntPtr((nint)userData).Target;
        return state.OnInput(input, frameCount, statusFlags);
    }
}
