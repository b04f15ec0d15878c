using Trainer.Engine.Layers;

namespace Trainer.Engine.Models;

/// <summary>
/// A chain of layers with its activation and gradient buffers, made once by <see cref="Build"/> for a largest batch
/// and a thread count. Forward and backward then allocate no buffers; the results are deterministic for a given seed
/// and thread count (per-chunk gradients are reduced in chunk order).
/// </summary>
internal sealed class Sequential
{
    private readonly Layer[] _layers;
    private Tensor[] _activations = [];
    private Tensor[] _gradients = [];
    private Tensor? _predictInput;
    private Tensor? _lastInput;
    private bool _lastTraining;

    /// <summary>Makes a model from <paramref name="layers"/>, in order.</summary>
    public Sequential(params Layer[] layers)
    {
        if (layers.Length == 0)
        {
            throw new ArgumentException("model: at least one layer is needed.", nameof(layers));
        }

        _layers = layers;
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>The shape of one input example (after <see cref="Build"/>).</summary>
    public SampleShape InputShape { get; private set; }

    /// <summary>The shape of one output example (after <see cref="Build"/>).</summary>
    public SampleShape OutputShape => _layers[^1].OutputShape;

    /// <summary>The largest batch (after <see cref="Build"/>).</summary>
    public int MaxBatch { get; private set; }

    /// <summary>Threads (and chunks) used by every layer.</summary>
    public int Threads { get; private set; }

    /// <summary>Training mode (batch statistics, dropout) when true; evaluation mode when false.</summary>
    public bool Training { get; set; } = true;

    /// <summary>All trainable parameters, named "index.kind.name", in layer order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; private set; } = [];

    /// <summary>All saved non-trainable state (batch norm running statistics), in layer order.</summary>
    public IReadOnlyList<StateBuffer> Buffers { get; private set; } = [];

    /// <summary>The number of trainable values.</summary>
    public int ParameterCount => Parameters.Sum(p => p.Length);

    /// <summary>Switches to training mode.</summary>
    public void Train() => Training = true;

    /// <summary>Switches to evaluation mode.</summary>
    public void Eval() => Training = false;

    /// <summary>Builds every layer for <paramref name="input"/> and makes the buffers; threads default to all cores.</summary>
    public void Build(SampleShape input, int maxBatch, int? threads = null)
    {
        var t = threads ?? Environment.ProcessorCount;
        var parallel = new BatchParallel(t);
        var shape = input;
        var maxSize = input.Size;
        _activations = new Tensor[_layers.Length + 1];
        for (var i = 0; i < _layers.Length; i++)
        {
            try
            {
                _layers[i].Build(shape, maxBatch, parallel);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"model: layer {i} ({_layers[i].Kind}) cannot take input {shape}: {e.Message}", e);
            }

            shape = _layers[i].OutputShape;
            maxSize = Math.Max(maxSize, shape.Size);
            _activations[i + 1] = new Tensor(maxBatch, shape);
        }

        var ping = new float[(long)maxBatch * maxSize];
        var pong = new float[(long)maxBatch * maxSize];
        _gradients = new Tensor[_layers.Length + 1];
        for (var i = 0; i <= _layers.Length; i++)
        {
            _gradients[i] = new Tensor(i % 2 == 0 ? ping : pong, maxBatch, i == 0 ? input : _layers[i - 1].OutputShape);
        }

        _predictInput = new Tensor(1, input);
        InputShape = input;
        MaxBatch = maxBatch;
        Threads = t;
        Parameters = NameAll(l => l.Parameters, (p, n) => p.Name = n, p => p.Name);
        Buffers = NameAll(l => l.Buffers, (b, n) => b.Name = n, b => b.Name);
    }

    /// <summary>He/Kaiming-initialises every layer from <paramref name="seed"/> (and reseeds dropout masks).</summary>
    public void InitializeWeights(int seed)
    {
        var rng = new Rng((ulong)(uint)seed);
        foreach (var layer in _layers)
        {
            layer.Initialize(rng);
        }
    }

    /// <summary>
    /// Runs the batch through every layer in the current mode; returns the output tensor (owned by the model, valid
    /// until the next forward).
    /// </summary>
    public Tensor Forward(Tensor input)
    {
        RequireBuilt();
        if (input.Shape != InputShape || input.N > MaxBatch)
        {
            throw new ArgumentException($"model: input must be [N <= {MaxBatch}, {InputShape}], got [{input.N}, {input.Shape}].");
        }

        _activations[0] = input;
        for (var i = 0; i < _layers.Length; i++)
        {
            _activations[i + 1].N = input.N;
            _layers[i].Forward(_activations[i], _activations[i + 1], Training);
        }

        _lastInput = input;
        _lastTraining = Training;
        return _activations[^1];
    }

    /// <summary>
    /// Back-propagates dL/dy of the last forward, adding into every parameter's gradient. When
    /// <paramref name="gradInput"/> is given it receives dL/dx of the model's input.
    /// </summary>
    public void Backward(Tensor gradOutput, Tensor? gradInput = null)
    {
        RequireBuilt();
        if (_lastInput == null || !ReferenceEquals(_activations[0], _lastInput))
        {
            throw new InvalidOperationException("model: Backward needs a Forward on the same batch just before it.");
        }

        var n = _lastInput.N;
        var top = _layers.Length;
        if (gradOutput.Shape != OutputShape || gradOutput.N != n)
        {
            throw new ArgumentException($"model: gradOutput must be [{n}, {OutputShape}], got [{gradOutput.N}, {gradOutput.Shape}].");
        }

        for (var i = top - 1; i >= 0; i--)
        {
            var dy = i == top - 1 ? gradOutput : _gradients[i + 1];
            Tensor? dx = i > 0 ? _gradients[i] : gradInput;
            if (dx != null)
            {
                dx.N = n;
            }

            _layers[i].Backward(_activations[i], _activations[i + 1], dy, dx, _lastTraining);
        }
    }

    /// <summary>Zeroes every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters)
        {
            Array.Clear(p.Grad);
        }
    }

    /// <summary>
    /// Inference for one example in evaluation mode, whatever <see cref="Training"/> is (not thread-safe: it uses the
    /// model's buffers, so do not call it between a Forward and its Backward).
    /// </summary>
    public void Predict(ReadOnlySpan<float> example, Span<float> logits)
    {
        RequireBuilt();
        if (example.Length != InputShape.Size || logits.Length != OutputShape.Size)
        {
            throw new ArgumentException($"model: Predict takes {InputShape.Size} input floats ({InputShape}) and {OutputShape.Size} output floats, got {example.Length} and {logits.Length}.");
        }

        example.CopyTo(_predictInput!.Span);
        var training = Training;
        Training = false;
        try
        {
            Forward(_predictInput).Span.CopyTo(logits);
        }
        finally
        {
            Training = training;
            _lastInput = null;
        }
    }

    /// <summary>Writes weights and running statistics to <paramref name="path"/>.</summary>
    public void Save(string path) => WeightsFile.Save(this, path);

    /// <summary>Reads weights and running statistics written by <see cref="Save"/> for the same architecture.</summary>
    public void Load(string path) => WeightsFile.Load(this, path);

    /// <summary>One line per layer: index, kind, output shape, parameter count.</summary>
    public string Describe()
    {
        RequireBuilt();
        var lines = new List<string> { $"input {InputShape}" };
        for (var i = 0; i < _layers.Length; i++)
        {
            lines.Add($"{i,2} {_layers[i].Kind,-8} -> {_layers[i].OutputShape,-12} {_layers[i].Parameters.Sum(p => p.Length),7} params");
        }

        lines.Add($"total {ParameterCount} params");
        return string.Join(Environment.NewLine, lines);
    }

    private List<T> NameAll<T>(Func<Layer, IReadOnlyList<T>> items, Action<T, string> setName, Func<T, string> getName)
    {
        var result = new List<T>();
        for (var i = 0; i < _layers.Length; i++)
        {
            foreach (var item in items(_layers[i]))
            {
                var local = getName(item);
                var dot = local.LastIndexOf('.');
                setName(item, $"{i}.{_layers[i].Kind}.{(dot >= 0 ? local[(dot + 1)..] : local)}");
                result.Add(item);
            }
        }

        return result;
    }

    private void RequireBuilt()
    {
        if (MaxBatch == 0)
        {
            throw new InvalidOperationException("model: Build must be called first.");
        }
    }
}
