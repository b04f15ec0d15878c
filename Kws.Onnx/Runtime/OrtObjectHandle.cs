using Microsoft.Win32.SafeHandles;

namespace Kws.Onnx.Runtime;

/// <summary>Owns one ONNX Runtime object (env, session, value, ...) and releases it with its Release function.</summary>
internal sealed unsafe class OrtObjectHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly delegate* unmanaged<IntPtr, void> _release;

    internal OrtObjectHandle(IntPtr handle, delegate* unmanaged<IntPtr, void> release)
        : base(ownsHandle: true)
    {
        _release = release;
        SetHandle(handle);
    }

    protected override bool ReleaseHandle()
    {
        _release(handle);
        return true;
    }
}
