namespace Kws.Onnx.Runtime;

/// <summary>The struct OrtGetApiBase returns: GetApi(version) and GetVersionString(). Only ever read through a pointer.</summary>
internal readonly unsafe struct OrtApiBase
{
#pragma warning disable CS0649 // Filled in by the native library, never by managed code.
    /// <summary>const OrtApi* GetApi(uint32_t version): null when the library does not offer that version.</summary>
    public readonly delegate* unmanaged<uint, void**> GetApi;

    /// <summary>const char* GetVersionString(void), e.g. "1.30.0".</summary>
    public readonly delegate* unmanaged<byte*> GetVersionString;
#pragma warning restore CS0649
}
