namespace Kws.Onnx.Runtime;

/// <summary>The ONNX Runtime native library could not be loaded, or is too old; the message says what was tried.</summary>
public sealed class OnnxRuntimeLoadException : Exception
{
    /// <summary>Describes a failed load.</summary>
    /// <param name="message">What was tried, why each failed, and how to get the library.</param>
    public OnnxRuntimeLoadException(string message)
        : base(message)
    {
    }
}
