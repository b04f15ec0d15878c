using System.Globalization;
using Kws.Onnx.Contract;
using Kws.Onnx.Runtime;

namespace Kws.Onnx.Inference;

/// <summary>
/// Runs a streaming model file (<see cref="ModelExecution.Streaming"/>): the window is written whole into
/// <see cref="Input"/>, as for any model, and each run feeds the model only its newest T frames, a view of that memory
/// (no copy), with the states of the previous run. States live in two sets of tensors that swap roles each run; the
/// bindings for a T are made the first time that T is asked for and kept, so the steady state (the same T every hop)
/// allocates nothing. A run that cannot continue the previous one (the first, or more than the window's frames since
/// the last) zeroes the states and feeds the whole window, which gives that window's scores exactly.
/// </summary>
internal sealed class StreamingRunner : IDisposable
{
    private readonly OnnxSession _session;
    private readonly OnnxTensor _input;
    private readonly OnnxTensor _scores;
    private readonly OnnxTensor[][] _states;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OnnxTensor?[] _views;
    private readonly OnnxRunBinding?[,] _bindings;
    private readonly int _frames;
    private readonly int _melBins;
    private OnnxSession? _stepSession;
    private int _stepFrames;
    private int _current;
    private bool _continuable;

    private StreamingRunner(OnnxSession session, ModelContract contract, OnnxTensor input, OnnxTensor scores, OnnxTensor[][] states, string[] stateNames)
    {
        _session = session;
        _input = input;
        _scores = scores;
        _states = states;
        _frames = contract.Frames;
        _melBins = contract.FrontEnd.MelBins;
        _inputNames = [session.Inputs[0].Name, .. stateNames];
        _outputNames = [session.Outputs.Single(o => o.Name == "scores").Name, .. stateNames.Select(n => n + ModelContract.NextStateSuffix)];
        _views = new OnnxTensor?[_frames + 1];
        _bindings = new OnnxRunBinding?[_frames + 1, 2];
    }

    /// <summary>The window: Frames x MelBins normalised values, oldest first.</summary>
    public Span<float> Input => _input.Span;

    /// <summary>The probabilities of the last run.</summary>
    public ReadOnlySpan<float> Scores => _scores.Span;

    /// <summary>
    /// Checks a streaming model's tensors against its contract and makes the runner. Throws
    /// <see cref="ModelContractException"/> naming the tensor on a mismatch.
    /// </summary>
    public static StreamingRunner Create(OnnxSession session, ModelContract contract, string name, Action<IDisposable> own)
    {
        var inputs = session.Inputs;
        var outputs = session.Outputs;
        var features = inputs.Count > 0 ? inputs[0] : null;
        var mel = contract.FrontEnd.MelBins;
        if (features is null || features.Name != "features" || features.Shape.Count != 4 || features.Shape[0] is not (1 or -1)
            || features.Shape[1] != 1 || features.Shape[2] != -1 || features.Shape[3] != mel)
        {
            throw new ModelContractException(
                $"model {name}: a streaming model's first input must be 'features' [1,1,T,{mel}] with T dynamic, but it is {Describe(features)}");
        }

        var scores = outputs.FirstOrDefault(o => o.Name == "scores");
        if (scores is null || scores.Shape.Count != 2 || scores.Shape[1] != contract.Labels.Count)
        {
            throw new ModelContractException($"model {name}: a streaming model needs the output 'scores' [1,{contract.Labels.Count}], but it has {Describe(scores)}");
        }

        var stateInfos = inputs.Skip(1).ToList();
        if (stateInfos.Count == 0 || outputs.Count != stateInfos.Count + 1)
        {
            throw new ModelContractException(
                $"model {name}: a streaming model needs state inputs and one '{ModelContract.NextStateSuffix}' output for each; it has {inputs.Count} inputs and {outputs.Count} outputs");
        }

        foreach (var state in stateInfos)
        {
            var next = outputs.FirstOrDefault(o => o.Name == state.Name + ModelContract.NextStateSuffix);
            if (state.Shape.Any(d => d < 1) || next is null || !next.Shape.SequenceEqual(state.Shape))
            {
                throw new ModelContractException(
                    $"model {name}: state input {Describe(state)} needs a fixed shape and an output '{state.Name}{ModelContract.NextStateSuffix}' of the same shape, but that is {Describe(next)}");
            }
        }

        var input = Own(own, OnnxTensor.Create(contract.InputShape()));
        var output = Own(own, OnnxTensor.Create(1, contract.Labels.Count));
        var states = new OnnxTensor[2][];
        for (var set = 0; set < 2; set++)
        {
            states[set] = stateInfos.Select(s => Own(own, OnnxTensor.Create([.. s.Shape]))).ToArray();
        }

        return new StreamingRunner(session, contract, input, output, states, stateInfos.Select(s => s.Name).ToArray());
    }

    /// <summary>
    /// Runs on the newest <paramref name="newFrames"/> frames of <see cref="Input"/>, continuing the previous run;
    /// on the whole window from zero states when it cannot continue (see the class remarks).
    /// </summary>
    public void Run(int newFrames)
    {
        var frames = _continuable && newFrames >= 1 && newFrames < _frames ? newFrames : _frames;
        if (frames == _frames)
        {
            foreach (var state in _states[_current])
            {
                state.Span.Clear();
            }
        }

        _continuable = false;
        Binding(frames, _current).Run();
        _current ^= 1;
        _continuable = true;
    }

    /// <summary>Forgets the state: the next run feeds the whole window.</summary>
    public void Reset() => _continuable = false;

    /// <summary>
    /// Takes a second session of the same file in which T is fixed to <paramref name="frames"/> (the frames of one
    /// hop), for runs on that many new frames: ONNX Runtime then plans shapes and memory once. Other counts still run
    /// in the first session. The runner disposes it.
    /// </summary>
    public void UseStepSession(OnnxSession session, int frames)
    {
        if (_stepSession is not null || frames < 1 || frames >= _frames)
        {
            session.Dispose();
            return;
        }

        var input = session.Inputs[0].Shape;
        if (input.Count != 4 || input[2] != frames)
        {
            session.Dispose();
            throw new InvalidOperationException($"the step session's input has shape [{string.Join(",", input)}], not {frames} frames");
        }

        _stepSession = session;
        _stepFrames = frames;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var binding in _bindings)
        {
            binding?.Dispose();
        }

        foreach (var view in _views)
        {
            view?.Dispose();
        }

        _stepSession?.Dispose();
    }

    private OnnxRunBinding Binding(int frames, int set)
    {
        if (_bindings[frames, set] is { } made)
        {
            return made;
        }

        var features = frames == _frames ? _input : _views[frames] ??= OnnxTensor.TailView(_input, 1, 1, frames, _melBins);
        var session = frames == _stepFrames && _stepSession is not null ? _stepSession : _session;
        var binding = session.Bind(_inputNames, [features, .. _states[set]], _outputNames, [_scores, .. _states[1 - set]]);
        _bindings[frames, set] = binding;
        return binding;
    }

    private static T Own<T>(Action<IDisposable> own, T item)
        where T : IDisposable
    {
        own(item);
        return item;
    }

    private static string Describe(OnnxTensorInfo? info) => info is null
        ? "missing"
        : $"'{info.Name}' [{string.Join(",", info.Shape.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)))}]";
}
