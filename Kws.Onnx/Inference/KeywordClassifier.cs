using Kws.Onnx.Contract;
using Kws.Onnx.Runtime;

namespace Kws.Onnx.Inference;

/// <summary>
/// A keyword model file opened in ONNX Runtime and checked against the model contract: its metadata is read, its
/// tensor shapes are compared with the front end the metadata asks for, and one input and one output tensor
/// (batch 1) are allocated once. <see cref="Run()"/> then allocates nothing. Not thread-safe: one caller at a time.
/// A streaming model file (<see cref="ModelExecution.Streaming"/>) is run through a <see cref="StreamingRunner"/>:
/// the caller writes the whole window all the same, and <see cref="Run(int)"/> says how much of it is new.
/// Both the trainer (evaluation, export parity) and the service use it, so they load models the same way.
/// </summary>
public sealed class KeywordClassifier : IDisposable
{
    private readonly OnnxEnvironment _environment;
    private readonly OnnxSession _session;
    private readonly OnnxTensor? _input;
    private readonly OnnxTensor? _output;
    private readonly OnnxRunBinding? _binding;
    private readonly StreamingRunner? _streaming;
    private readonly OnnxSessionOptions _options;
    private readonly IDisposable[] _owned;

    private KeywordClassifier(string path, OnnxEnvironment environment, OnnxSession session, ModelContract contract, IDisposable[] owned,
        (OnnxTensor Input, OnnxTensor Output, OnnxRunBinding Binding)? window, StreamingRunner? streaming, OnnxSessionOptions? options)
    {
        _options = options ?? new OnnxSessionOptions();
        ModelPath = path;
        _environment = environment;
        _session = session;
        _input = window?.Input;
        _output = window?.Output;
        _binding = window?.Binding;
        _streaming = streaming;
        _owned = owned;
        Contract = contract;
    }

    /// <summary>The model file.</summary>
    public string ModelPath { get; }

    /// <summary>The contract read from the file: labels, front end, frames, normalisation.</summary>
    public ModelContract Contract { get; }

    /// <summary>The input: Frames x MelBins normalised log-mel values, oldest frame first. Write, then <see cref="Run()"/>.</summary>
    public Span<float> Input => _streaming is null ? _input!.Span : _streaming.Input;

    /// <summary>The output of the last <see cref="Run()"/>: one probability per label, in <see cref="ModelContract.Labels"/> order.</summary>
    public ReadOnlySpan<float> Scores => _streaming is null ? _output!.Span : _streaming.Scores;

    /// <summary>Whether the file is a streaming model (it then computes only the new frames of each run).</summary>
    public bool IsStreaming => _streaming is not null;

    /// <summary>The ONNX Runtime version in use.</summary>
    public string RuntimeVersion => _environment.RuntimeVersion;

    /// <summary>
    /// Opens <paramref name="modelPath"/>. Throws <see cref="FileNotFoundException"/> when it is missing,
    /// <see cref="OnnxRuntimeLoadException"/> when ONNX Runtime cannot be loaded, <see cref="OnnxRuntimeException"/>
    /// when ONNX Runtime refuses the file, and <see cref="ModelContractException"/> when it breaks the contract.
    /// </summary>
    public static KeywordClassifier Open(string modelPath, OnnxSessionOptions? options = null, string? runtimeLibrary = null)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"model file '{modelPath}' does not exist", modelPath);
        }

        var disposables = new Stack<IDisposable>();
        try
        {
            var environment = Push(disposables, new OnnxEnvironment("kws", OnnxLogLevel.Warning, runtimeLibrary));
            var session = Push(disposables, OnnxSession.FromFile(environment, modelPath, options));
            var name = Path.GetFileName(modelPath);
            var contract = ModelContract.FromMetadata(session.Metadata.Custom, name);
            if (contract.Execution == ModelExecution.Streaming)
            {
                var streaming = StreamingRunner.Create(session, contract, name, d => disposables.Push(d));
                var owned = disposables.Where(d => d != session && d != environment).Reverse().ToArray();
                return new KeywordClassifier(modelPath, environment, session, contract, [streaming, .. owned], null, streaming, options);
            }

            if (session.Inputs.Count != 1 || session.Outputs.Count != 1)
            {
                throw new ModelContractException(
                    $"model {name} has {session.Inputs.Count} inputs and {session.Outputs.Count} outputs; the contract expects one of each");
            }

            contract.CheckTensors(name, session.Inputs[0].Name, session.Inputs[0].Shape, session.Outputs[0].Name, session.Outputs[0].Shape);
            var input = Push(disposables, OnnxTensor.Create(contract.InputShape()));
            var output = Push(disposables, OnnxTensor.Create(1, contract.Labels.Count));
            var binding = Push(disposables, session.Bind(input, output));
            return new KeywordClassifier(modelPath, environment, session, contract, [binding, output, input], (input, output, binding), null, options);
        }
        catch
        {
            while (disposables.Count > 0)
            {
                disposables.Pop().Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Readies the runs on <paramref name="frames"/> new frames, the frames of one hop: a streaming model opens a
    /// second session of the file with its frame count fixed to that, which ONNX Runtime runs faster. A whole-window
    /// model has nothing to ready. Call before the runs, off the audio path (it loads the file again).
    /// </summary>
    public void PrepareStep(int frames)
    {
        if (_streaming is not null && frames >= 1 && frames < Contract.Frames)
        {
            _streaming.UseStepSession(OnnxSession.FromFile(_environment, ModelPath, _options with { FreeDimensions = [new("T", frames)] }), frames);
        }
    }

    /// <summary>Runs the model on the whole window in <see cref="Input"/>; the result is in <see cref="Scores"/>.</summary>
    public void Run() => Run(int.MaxValue);

    /// <summary>
    /// Runs the model on <see cref="Input"/>, of which the newest <paramref name="newFrames"/> frames are new since the
    /// previous run (the rest of the window is what that run saw, moved up). A whole-window model ignores the count;
    /// a streaming one computes only those frames, or the whole window when it cannot continue (a count of Frames or
    /// more, or the first run). The result is in <see cref="Scores"/>.
    /// </summary>
    public void Run(int newFrames)
    {
        if (_streaming is null)
        {
            _binding!.Run();
        }
        else
        {
            _streaming.Run(newFrames);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _session.Dispose();
        _environment.Dispose();
    }

    private static T Push<T>(Stack<IDisposable> stack, T item)
        where T : IDisposable
    {
        stack.Push(item);
        return item;
    }
}
