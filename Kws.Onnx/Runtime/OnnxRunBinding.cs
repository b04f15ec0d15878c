using System.Runtime.InteropServices;

namespace Kws.Onnx.Runtime;

/// <summary>
/// A session with its input and output tensors bound: names already in native UTF-8, OrtValue pointers already in
/// native arrays, so <see cref="Run"/> is one native call and allocates no managed memory. The binding keeps the
/// session, environment and tensors alive until it is disposed. Not for concurrent use from several threads.
/// </summary>
public sealed unsafe class OnnxRunBinding : IDisposable
{
    private readonly OrtApi _api;
    private readonly IntPtr _session;
    private readonly NativeBuffer _inputNames;
    private readonly NativeBuffer _outputNames;
    private readonly NativeBuffer _inputValues;
    private readonly NativeBuffer _outputValues;
    private readonly nuint _inputCount;
    private readonly nuint _outputCount;
    private readonly List<SafeHandle> _held = [];
    private bool _disposed;

    internal OnnxRunBinding(OnnxSession session, IReadOnlyList<string> inputNames, IReadOnlyList<OnnxTensor> inputs,
        IReadOnlyList<string> outputNames, IReadOnlyList<OnnxTensor> outputs)
    {
        _api = session.Environment.Api;
        try
        {
            Hold(session.Environment.Handle);
            Hold(session.Handle);
            foreach (var tensor in inputs.Concat(outputs))
            {
                Hold(tensor.Value);
                Hold(tensor.Buffer);
            }

            _session = session.Handle.DangerousGetHandle();
            _inputNames = NativeBuffer.Utf8Array(inputNames);
            _outputNames = NativeBuffer.Utf8Array(outputNames);
            _inputValues = ValueArray(inputs);
            _outputValues = ValueArray(outputs);
            _inputCount = (nuint)inputs.Count;
            _outputCount = (nuint)outputs.Count;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Runs the model: reads the input tensors, writes the output tensors.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the run (e.g. a shape mismatch).</exception>
    public void Run()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var status = _api.Run(_session, IntPtr.Zero,
            (IntPtr*)_inputNames.Pointer, (IntPtr*)_inputValues.Pointer, _inputCount,
            (IntPtr*)_outputNames.Pointer, _outputCount, (IntPtr*)_outputValues.Pointer);
        OrtStatus.Check(_api, status, "running the model");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _inputNames?.Dispose();
        _outputNames?.Dispose();
        _inputValues?.Dispose();
        _outputValues?.Dispose();
        for (var i = _held.Count - 1; i >= 0; i--)
        {
            _held[i].DangerousRelease();
        }

        _held.Clear();
    }

    private static NativeBuffer ValueArray(IReadOnlyList<OnnxTensor> tensors)
    {
        var buffer = new NativeBuffer((nuint)(tensors.Count * sizeof(IntPtr)));
        var values = (IntPtr*)buffer.Pointer;
        for (var i = 0; i < tensors.Count; i++)
        {
            values[i] = tensors[i].Value.DangerousGetHandle();
        }

        return buffer;
    }

    private void Hold(SafeHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        if (added)
        {
            _held.Add(handle);
        }
    }
}
