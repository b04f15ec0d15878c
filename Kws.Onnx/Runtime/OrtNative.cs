using System.Runtime.InteropServices;

namespace Kws.Onnx.Runtime;

/// <summary>
/// The one exported symbol this binding imports. "onnxruntime" is resolved by <see cref="OnnxRuntimeLibrary"/>'s
/// DllImport resolver to the library it loaded; everything else goes through the function table.
/// </summary>
internal static unsafe partial class OrtNative
{
    internal const string LibraryName = "onnxruntime";

    [LibraryImport(LibraryName)]
    internal static partial OrtApiBase* OrtGetApiBase();
}
