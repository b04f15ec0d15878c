
using Kws.Detection.Options;

namespace Kws.Detection.Model;

/// <summary>Which model to load and how ONNX Runtime runs it (section <c>Model</c>).</summary>
public sealed class ModelOptions : ISelfValidatingOptions
{
    /// <summary>The section name in configuration.</summary>
    public const string Section = "Model";

    /// <summary>The model file; empty = the bundled default (models/kws-yesno.onnx next to the program).</summary>
    public string Path { get; set; } = "";

    /// <summary>A libonnxruntime.so to load instead of the bundled one (e.g. a CUDA build on a Jetson); empty = bundled.</summary>
    public string OnnxRuntimePath { get; set; } = "";

    /// <summary>Execution provider: <c>cpu</c> (default) or <c>cuda</c> (needs a CUDA build of ONNX Runtime).</summary>
    public string ExecutionProvider { get; set; } = "cpu";

    /// <summary>Threads ONNX Runtime uses for one inference (1 keeps the service to one core).</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>GPU index for the CUDA provider.</summary>
    public int DeviceId { get; set; }

    /// <summary>
    /// How often the running service looks at the model file, in seconds: a file that has changed and then stayed the
    /// same for one more look is loaded and swapped in without a gap in detection. 0 = only on SIGHUP
    /// (<c>systemctl reload</c>). Default 5.
    /// </summary>
    public int ReloadCheckS { get; set; } = 5;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ExecutionProvider is not ("cpu" or "cuda"))
        {
            problems.Add($"Model:ExecutionProvider is '{ExecutionProvider}'; it must be 'cpu' or 'cuda'.");
        }

        if (IntraOpThreads is < 0 or > 64)
        {
            problems.Add($"Model:IntraOpThreads is {IntraOpThreads}; it must be between 0 (ONNX Runtime's choice) and 64.");
        }

        if (ReloadCheckS is < 0 or > 86_400)
        {
            problems.Add($"Model:ReloadCheckS is {ReloadCheckS}; it must be between 0 (only on SIGHUP) and 86400 s.");
        }

        if (DeviceId < 0)
        {
            problems.Add($"Model:DeviceId is {DeviceId}; it must be 0 or more.");
        }

        if (OnnxRuntimePath.Length > 0 && !File.Exists(OnnxRuntimePath))
        {
            problems.Add($"Model:OnnxRuntimePath '{OnnxRuntimePath}' does not exist.");
        }

        if (Path.Length > 0 && !File.Exists(Path))
        {
            problems.Add($"Model:Path '{Path}' does not exist.");
        }

        return problems;
    }
}
