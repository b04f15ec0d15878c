using System.Text.RegularExpressions;

namespace Kws.Onnx.Runtime;

/// <summary>
/// An error ONNX Runtime reported (an OrtStatus): its code and its own message. <see cref="Exception.Message"/> leaves
/// out the C++ source locations ORT puts in some messages (<c>/onnxruntime_src/…/model.cc:187 onnxruntime::Model::Model(…)</c>),
/// which mean nothing to the person whose model file it is; <see cref="OrtMessage"/> keeps them.
/// </summary>
public sealed partial class OnnxRuntimeException : Exception
{
    /// <summary>Wraps an ONNX Runtime error.</summary>
    /// <param name="errorCode">ORT's error code.</param>
    /// <param name="ortMessage">ORT's message.</param>
    /// <param name="operation">What the binding was doing, e.g. "running the model".</param>
    public OnnxRuntimeException(OnnxErrorCode errorCode, string ortMessage, string operation)
        : base($"ONNX Runtime failed {operation}: [{errorCode}] {WithoutSourceLocations(ortMessage)}")
    {
        ErrorCode = errorCode;
        OrtMessage = ortMessage;
    }

    /// <summary>ORT's error code.</summary>
    public OnnxErrorCode ErrorCode { get; }

    /// <summary>ORT's message, unchanged.</summary>
    public string OrtMessage { get; }

    /// <summary><paramref name="message"/> without ORT's "FILE.cc:LINE [RETURN-TYPE] FUNCTION(ARGS) " prefixes.</summary>
    public static string WithoutSourceLocations(string message) => SourceLocation().Replace(message, string.Empty);

    [GeneratedRegex(@"[\w./\\-]+\.(?:cc|cpp|cxx|h|hpp):\d+ (?:(?:[\w:<>,*&]+ )?[\w:~<>]+\([^)]*\)(?: const)? )?")]
    private static partial Regex SourceLocation();
}
