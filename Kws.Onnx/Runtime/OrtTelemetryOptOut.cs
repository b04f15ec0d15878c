using System.Runtime.InteropServices;

namespace Kws.Onnx.Runtime;

/// <summary>
/// Keeps ONNX Runtime from phoning home. Its Linux builds (1.30 from npm, x64 and arm64 alike) start a usage
/// uploader when the library initialises: it keeps a persistent device id and an event store under
/// <c>~/.cache/Microsoft/DeveloperTools/.onnxruntime/</c>, writes <c>/tmp/mat-debug-PID.log</c>, and sends the
/// operating system, CPU model, memory size, a hash of that device id and, for sessions, the model's metadata to
/// Microsoft's collector. A keyword spotter left on a network for months has no business doing that, and its users
/// would not expect it, so the binding turns it off before it loads the library, through the variable ONNX
/// Runtime reads for that (only then can it stop the uploader, the device id and the files; the C API's
/// DisableTelemetryEvents leaves the uploader running). A value the user set is kept:
/// <c>ORT_DISABLE_TELEMETRY=0</c> lets it run.
/// </summary>
internal static partial class OrtTelemetryOptOut
{
    /// <summary>The variable ONNX Runtime 1.30 reads; a truthy value turns its telemetry off for the process.</summary>
    public const string Variable = "ORT_DISABLE_TELEMETRY";

    /// <summary>The same switch under the name later ONNX Runtime sources use (a Jetson's build may be another version).</summary>
    public const string LaterVariable = "ORT_TELEMETRY_DISABLED";

    /// <summary>
    /// Sets both variables to 1 in the native environment where they are unset (.NET's own environment calls do not
    /// reach the C library's <c>getenv</c>, which ONNX Runtime uses). Called once, before the library is loaded.
    /// </summary>
    public static void Apply()
    {
        _ = SetEnv(Variable, "1", overwrite: 0);
        _ = SetEnv(LaterVariable, "1", overwrite: 0);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
