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
