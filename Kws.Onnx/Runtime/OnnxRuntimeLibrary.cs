using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Kws.Onnx.Runtime;

/// <summary>
/// Finds and loads ONNX Runtime's native library (once per process) and checks that it offers the C API version this
/// binding needs. Where it looks: an explicit path given in code if any (only that one), else the variable
/// KWS_ONNXRUNTIME_PATH if set (only that one), else libonnxruntime.so.1 next to the application, then the
/// system's library search path. Before the first load it turns ONNX Runtime's telemetry off
/// (<see cref="OrtTelemetryOptOut"/>).
/// </summary>
public static unsafe class OnnxRuntimeLibrary
{
    /// <summary>The environment variable that names the library to use.</summary>
    public const string PathVariable = "KWS_ONNXRUNTIME_PATH";

    /// <summary>The library's file name, next to the application or on the search path.</summary>
    public const string FileName = "libonnxruntime.so.1";

    /// <summary>The OrtApi version requested: 12 (ONNX Runtime 1.12) is the first with every function used here.</summary>
    public const uint RequiredApiVersion = 12;

    private const string HowToGet =
        "Run scripts/fetch-onnxruntime.sh, or set KWS_ONNXRUNTIME_PATH to a libonnxruntime.so such as a CUDA build on a Jetson.";

    private static readonly Lock Gate = new();
    private static IntPtr s_handle;
    private static string? s_path;
    private static string s_version = string.Empty;
    private static OrtApi? s_api;
    private static string? s_unusable;

    static OnnxRuntimeLibrary() =>
        NativeLibrary.SetDllImportResolver(typeof(OnnxRuntimeLibrary).Assembly, Resolve);

    /// <summary>The file the library was loaded from, or null before the first load.</summary>
    public static string? LoadedPath
    {
        get
        {
            lock (Gate)
            {
                return s_path;
            }
        }
    }

    /// <summary>
    /// Loads the library if that has not happened yet and returns its version string (e.g. "1.30.0").
    /// </summary>
    /// <param name="explicitPath">A library file to use instead of the search (e.g. a setting); null or empty: search.</param>
    /// <returns>The library's version string.</returns>
    /// <exception cref="OnnxRuntimeLoadException">No library could be loaded, or it is too old.</exception>
    /// <exception cref="InvalidOperationException">A different ONNX Runtime library is already loaded.</exception>
    public static string Load(string? explicitPath = null)
    {
        Api(explicitPath);
        return s_version;
    }

    /// <summary>The function table, loading the library first when needed.</summary>
    internal static OrtApi Api(string? explicitPath = null)
    {
        lock (Gate)
        {
            if (s_handle == IntPtr.Zero)
            {
                OrtTelemetryOptOut.Apply();
            }

            if (!string.IsNullOrWhiteSpace(explicitPath))
            {
                LoadExplicit(Path.GetFullPath(explicitPath));
            }
            else if (s_handle == IntPtr.Zero)
            {
                var fromVariable = Environment.GetEnvironmentVariable(PathVariable);
                (string, string)[] candidates = string.IsNullOrWhiteSpace(fromVariable)
                    ? [(Path.Combine(AppContext.BaseDirectory, FileName), "next to the application"),
                       (FileName, "system library search path")]
                    : [(Path.GetFullPath(fromVariable), PathVariable)];
                var (handle, path) = LoadFirst(candidates);
                Bind(handle, path);
            }

            return s_unusable is null ? s_api! : throw new OnnxRuntimeLoadException(s_unusable);
        }
    }

    private static void LoadExplicit(string path)
    {
        if (s_handle != IntPtr.Zero && (path == s_path || SameFile(path, s_path)))
        {
            return;
        }

        var (handle, _) = LoadFirst([(path, "explicit path")]);
        if (s_handle == IntPtr.Zero)
        {
            Bind(handle, path);
            return;
        }

        // Another file, or a name that cannot be compared as a file: the loader says whether it is the same library.
        // Either way the reference just taken is given back (the library stays loaded through s_handle).
        NativeLibrary.Free(handle);
        if (handle != s_handle)
        {
            throw AlreadyLoaded(path);
        }
    }

    private static InvalidOperationException AlreadyLoaded(string path) => new(
        $"ONNX Runtime is already loaded from {s_path}; a process can use only one ONNX Runtime library, so {path} cannot be loaded too");

    private static bool SameFile(string a, string? b)
    {
        if (b is null || !File.Exists(a) || !File.Exists(b))
        {
            return false;
        }

        static string Real(string p) => new FileInfo(p).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(p);
        return Real(a) == Real(b);
    }

    private static (IntPtr Handle, string Path) LoadFirst((string Path, string Source)[] candidates)
    {
        var tried = new StringBuilder();
        foreach (var (path, source) in candidates)
        {
            string reason;
            try
            {
                var handle = NativeLibrary.Load(path);
                if (NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out _))
                {
                    return (handle, path);
                }

                NativeLibrary.Free(handle);
                reason = "it loads but does not export OrtGetApiBase, so it is not ONNX Runtime";
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                // .NET's message ends with the dynamic loader's own line (e.g. "...: cannot open shared object file").
                reason = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
            }

            tried.Append($"{Environment.NewLine}  - {path} ({source}): {reason}");
        }

        throw new OnnxRuntimeLoadException(
            $"ONNX Runtime's native library could not be loaded. Tried:{tried}{Environment.NewLine}{HowToGet}");
    }

    private static void Bind(IntPtr handle, string path)
    {
        s_handle = handle;
        s_path = path;
        var apiBase = OrtNative.OrtGetApiBase();
        s_version = Marshal.PtrToStringUTF8((IntPtr)apiBase->GetVersionString()) ?? "unknown";
        var table = apiBase->GetApi(RequiredApiVersion);
        if (table == null)
        {
            s_unusable = $"ONNX Runtime {s_version} at {path} does not offer C API version {RequiredApiVersion}: this program "
                         + $"needs ONNX Runtime 1.{RequiredApiVersion} or newer (it is tested with 1.30). {HowToGet}";
            return;
        }

        s_api = new OrtApi(table);
        if (!SelfTest(s_api))
        {
            s_unusable = $"ONNX Runtime {s_version} at {path}: its C API function table does not behave as expected "
                         + "(CreateStatus/GetErrorCode/GetErrorMessage disagree); the library may be damaged or not ONNX Runtime.";
        }
    }

    /// <summary>Round-trips a status through the first functions of the table: a cheap check of the layout.</summary>
    private static bool SelfTest(OrtApi api)
    {
        var probe = "kws-probe"u8;
        byte* message = stackalloc byte[probe.Length + 1];
        probe.CopyTo(new Span<byte>(message, probe.Length));
        message[probe.Length] = 0;
        var status = api.CreateStatus((int)OnnxErrorCode.InvalidArgument, message);
        if (status == IntPtr.Zero)
        {
            return false;
        }

        var ok = api.GetErrorCode(status) == (int)OnnxErrorCode.InvalidArgument
                 && Marshal.PtrToStringUTF8((IntPtr)api.GetErrorMessage(status)) == "kws-probe";
        api.ReleaseStatus(status);
        return ok;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == OrtNative.LibraryName ? s_handle : IntPtr.Zero;
}
