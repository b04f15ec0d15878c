using Kws.Onnx.Inference;
using Kws.Onnx.Runtime;

namespace Kws.Detection.Model;

/// <summary>Finds the model file (the bundled default when none is configured) and opens it with the configured runtime settings.</summary>
public static class ModelLoader
{
    /// <summary>The bundled model, relative to the program's folder.</summary>
    public const string BundledRelativePath = "models/kws-yesno.onnx";

    /// <summary>The file <paramref name="options"/> names, or the bundled model.</summary>
    public static string Resolve(ModelOptions options) =>
        options.Path.Length > 0 ? options.Path : System.IO.Path.Combine(AppContext.BaseDirectory, BundledRelativePath);

    /// <summary>Opens and checks the model (see <see cref="KeywordClassifier.Open"/> for the errors).</summary>
    public static OnnxKeywordModel Open(ModelOptions options)
    {
        var session = new OnnxSessionOptions
        {
            IntraOpThreads = options.IntraOpThreads,
            InterOpThreads = 1,
            ExecutionProvider = options.ExecutionProvider,
            DeviceId = options.DeviceId,
        };
        var classifier = KeywordClassifier.Open(Resolve(options), session, options.OnnxRuntimePath.Length > 0 ? options.OnnxRuntimePath : null);
        return new OnnxKeywordModel(classifier);
    }
}
