using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Kws.Onnx.Runtime;

/// <summary>Turns an OrtStatus* into an <see cref="OnnxRuntimeException"/> (and releases the status).</summary>
internal static unsafe class OrtStatus
{
    /// <summary>Does nothing for null (success); otherwise throws with ORT's code and message.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Check(OrtApi api, IntPtr status, string operation)
    {
        if (status != IntPtr.Zero)
        {
            Throw(api, status, operation);
        }
    }

    /// <summary>
    /// Releases a status that cannot be reported (a free in a finally block, where throwing would hide the first
    /// error): nothing for null, otherwise the status is released so it does not leak.
    /// </summary>
    internal static void Discard(OrtApi api, IntPtr status)
    {
        if (status != IntPtr.Zero)
        {
            api.ReleaseStatus(status);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(OrtApi api, IntPtr status, string operation)
    {
        var code = (OnnxErrorCode)api.GetErrorCode(status);
        var message = Marshal.PtrToStringUTF8((IntPtr)api.GetErrorMessage(status)) ?? string.Empty;
        api.ReleaseStatus(status);
        throw new OnnxRuntimeException(code, message, operation);
    }
}
