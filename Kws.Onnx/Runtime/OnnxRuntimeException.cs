namespace Kws.Onnx.Runtime;

/// <summary>An error ONNX Runtime reported (an OrtStatus): its code and its own message.</summary>
public sealed class OnnxRuntimeException : Exception
{
    /// <summary>Wraps an ONNX Runtime error.</summary>
    /// <param name="errorCode">ORT's error code.</param>
    /// <param name="ortMessage">ORT's message.</param>
    /// <param name="operation">What the binding was doing, e.g. "running the model".</param>
    public OnnxRuntimeException(OnnxErrorCode errorCode, string ortMessage, string operation)
        : base($"ONNX Runtime failed {operation}: [{errorCode}] {ortMessage}")
    {
        ErrorCode = errorCode;
        OrtMessage = ortMessage;
    }

    /// <summary>ORT's error code.</summary>
    public OnnxErrorCode ErrorCode { get; }

    /// <summary>ORT's message, unchanged.</summary>
    public string OrtMessage { get; }
}
