namespace Kws.Onnx.Runtime;

/// <summary>The least severe ONNX Runtime log messages shown (OrtLoggingLevel).</summary>
public enum OnnxLogLevel
{
    /// <summary>Everything.</summary>
    Verbose = 0,

    /// <summary>Informational messages and worse.</summary>
    Info = 1,

    /// <summary>Warnings and worse.</summary>
    Warning = 2,

    /// <summary>Errors and worse.</summary>
    Error = 3,

    /// <summary>Fatal errors only.</summary>
    Fatal = 4,
}
