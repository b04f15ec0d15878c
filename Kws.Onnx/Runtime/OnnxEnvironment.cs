using System.Text;

namespace Kws.Onnx.Runtime;

/// <summary>ONNX Runtime's process environment (OrtEnv): logging. Sessions are created in one; keep it alive while they are used.</summary>
public sealed unsafe class OnnxEnvironment : IDisposable
{
    /// <summary>Loads the library if needed and creates the environment.</summary>
    /// <param name="logId">The identifier ORT puts in its log lines.</param>
    /// <param name="logLevel">The least severe messages ORT logs (to stderr).</param>
    /// <param name="libraryPath">An explicit libonnxruntime file, or null to search (see <see cref="OnnxRuntimeLibrary"/>).</param>
    public OnnxEnvironment(string logId = "kws", OnnxLogLevel logLevel = OnnxLogLevel.Warning, string? libraryPath = null)
    {
        Api = OnnxRuntimeLibrary.Api(libraryPath);
        var id = Encoding.UTF8.GetBytes(logId + "\0");
        IntPtr env;
        fixed (byte* p = id)
        {
            OrtStatus.Check(Api, Api.CreateEnv((int)logLevel, p, &env), "creating its environment");
        }

        Handle = new OrtObjectHandle(env, Api.ReleaseEnv);
    }

    /// <summary>The loaded library's version string, e.g. "1.30.0".</summary>
    public string RuntimeVersion => OnnxRuntimeLibrary.Load();

    internal OrtApi Api { get; }

    internal OrtObjectHandle Handle { get; }

    /// <inheritdoc />
    public void Dispose() => Handle.Dispose();
}
