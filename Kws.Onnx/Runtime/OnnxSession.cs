using System.Text;

namespace Kws.Onnx.Runtime;

/// <summary>A loaded model (OrtSession): its inputs, outputs and metadata, and bindings that run it.</summary>
public sealed unsafe class OnnxSession : IDisposable
{
    private readonly OnnxEnvironment _environment;
    private bool _disposed;

    /// <summary>Takes over <paramref name="handle"/> and the reference on the environment that its creator took (<see cref="HoldEnvironment"/>); releases both if it fails.</summary>
    private OnnxSession(OnnxEnvironment environment, OrtObjectHandle handle)
    {
        _environment = environment;
        Handle = handle;
        try
        {
            var api = environment.Api;
            var raw = handle.DangerousGetHandle();
            Inputs = OrtSessionReader.ReadValues(api, raw, inputs: true);
            Outputs = OrtSessionReader.ReadValues(api, raw, inputs: false);
            Metadata = OrtSessionReader.ReadMetadata(api, raw);
        }
        catch
        {
            handle.Dispose();
            environment.Handle.DangerousRelease();
            throw;
        }
    }

    /// <summary>The model's inputs, in order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    /// <summary>The model's outputs, in order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    /// <summary>The model's metadata.</summary>
    public OnnxModelMetadata Metadata { get; }

    internal OrtObjectHandle Handle { get; }

    internal OnnxEnvironment Environment => _environment;

    /// <summary>Loads a model file.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="options">Threads, optimization and provider; null for the defaults.</param>
    /// <returns>The session; dispose it when done.</returns>
    public static OnnxSession FromFile(OnnxEnvironment environment, string modelPath, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        var path = Encoding.UTF8.GetBytes(modelPath + "\0");
        return Create(environment, options, $"loading model {modelPath}", (api, env, nativeOptions, session) =>
        {
            fixed (byte* p = path)
            {
                return api.CreateSession(env, p, nativeOptions, session);
            }
        });
    }

    /// <summary>Loads a model from its serialized bytes.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="model">The ModelProto bytes.</param>
    /// <param name="options">Threads, optimization and provider; null for the defaults.</param>
    /// <returns>The session; dispose it when done.</returns>
    public static OnnxSession FromBytes(OnnxEnvironment environment, ReadOnlySpan<byte> model, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        fixed (byte* p = model)
        {
            var address = (IntPtr)p;
            var length = (nuint)model.Length;
            return Create(environment, options, $"loading a model from {model.Length} bytes",
                (api, env, nativeOptions, session) => api.CreateSessionFromArray(env, (void*)address, length, nativeOptions, session));
        }
    }

    /// <summary>Calls one of ONNX Runtime's session constructors: it gets the API, the environment, the native options and where to write the session, and returns the status.</summary>
    private delegate IntPtr SessionConstructor(OrtApi api, IntPtr environment, IntPtr options, IntPtr* session);

    /// <summary>Holds the environment, makes the native options, runs <paramref name="construct"/> and checks its status (<paramref name="what"/> names the step in the error); releases what it took if that fails.</summary>
    private static OnnxSession Create(OnnxEnvironment environment, OnnxSessionOptions? options, string what, SessionConstructor construct)
    {
        var api = environment.Api;
        using var nativeOptions = OrtSessionOptionsFactory.Create(api, options ?? new OnnxSessionOptions());
        IntPtr session;
        var env = HoldEnvironment(environment);
        try
        {
            OrtStatus.Check(api, construct(api, env, nativeOptions.DangerousGetHandle(), &session), what);
        }
        catch
        {
            environment.Handle.DangerousRelease();
            throw;
        }

        return new OnnxSession(environment, new OrtObjectHandle(session, api.ReleaseSession));
    }

    /// <summary>Binds preallocated tensors to named inputs and outputs, for allocation-free runs.</summary>
    /// <param name="inputNames">Input names, as in <see cref="Inputs"/>.</param>
    /// <param name="inputs">The tensors fed to them.</param>
    /// <param name="outputNames">Output names, as in <see cref="Outputs"/>.</param>
    /// <param name="outputs">The tensors ONNX Runtime writes them into (their shapes must match).</param>
    /// <returns>The binding; dispose it before the session.</returns>
    public OnnxRunBinding Bind(IReadOnlyList<string> inputNames, IReadOnlyList<OnnxTensor> inputs,
        IReadOnlyList<string> outputNames, IReadOnlyList<OnnxTensor> outputs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckNames(inputNames, inputs, Inputs, "input");
        CheckNames(outputNames, outputs, Outputs, "output");
        return new OnnxRunBinding(this, inputNames, inputs, outputNames, outputs);
    }

    /// <summary>Binds the only input and the only output of a one-in, one-out model.</summary>
    /// <param name="input">The tensor fed to the input.</param>
    /// <param name="output">The tensor the output is written into.</param>
    /// <returns>The binding; dispose it before the session.</returns>
    public OnnxRunBinding Bind(OnnxTensor input, OnnxTensor output)
    {
        if (Inputs.Count != 1 || Outputs.Count != 1)
        {
            throw new InvalidOperationException(
                $"the model has {Inputs.Count} inputs and {Outputs.Count} outputs; bind them by name");
        }

        return Bind([Inputs[0].Name], [input], [Outputs[0].Name], [output]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Handle.Dispose();
        _environment.Handle.DangerousRelease();
    }

    /// <summary>
    /// Takes a reference on the environment before its pointer is given to ONNX Runtime, which needs the environment
    /// to outlive the session: a disposed environment throws here instead of being used after it was freed. The
    /// session releases the reference at Dispose (its creator, if the session is never made).
    /// </summary>
    private static IntPtr HoldEnvironment(OnnxEnvironment environment)
    {
        var held = false;
        try
        {
            environment.Handle.DangerousAddRef(ref held);
        }
        catch (ObjectDisposedException)
        {
            throw new ObjectDisposedException(nameof(OnnxEnvironment), "the ONNX Runtime environment was disposed before the model was loaded");
        }

        return environment.Handle.DangerousGetHandle();
    }

    private static void CheckNames(IReadOnlyList<string> names, IReadOnlyList<OnnxTensor> tensors,
        IReadOnlyList<OnnxTensorInfo> known, string kind)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(tensors);
        if (names.Count != tensors.Count)
        {
            throw new ArgumentException($"{names.Count} {kind} names but {tensors.Count} tensors were given");
        }

        foreach (var name in names)
        {
            if (!known.Any(k => k.Name == name))
            {
                throw new ArgumentException(
                    $"the model has no {kind} named '{name}'; its {kind}s are: {string.Join(", ", known.Select(k => k.Name))}");
            }
        }
    }
}
