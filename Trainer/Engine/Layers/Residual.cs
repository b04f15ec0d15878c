using System.Numerics.Tensors;

namespace Trainer.Engine.Layers;

/// <summary>
/// A residual block: y = relu(main(x) + shortcut(x)), or without the ReLU when <see cref="ReluAfterAdd"/> is false.
/// The main branch is a chain of layers; the shortcut is another chain (a 1x1 convolution with batch norm where the
/// shape changes) or, when empty, x itself. Both branches must give the same shape. The branches' layers are built,
/// initialised and run by this layer, which holds their activations and gradients; their parameters and buffers are
/// this layer's, named "main{j}-{kind}-{name}" and "short{j}-{kind}-{name}" (named once, when the block is made).
/// Backward: dL/dx = main'(g) + shortcut'(g) with g = dL/dy masked where y is 0 (after the ReLU).
/// </summary>
internal sealed class Residual : Layer
{
    private readonly Layer[] _main;
    private readonly Layer[] _shortcut;
    private readonly LayerChain _mainChain = new();
    private readonly LayerChain _shortChain = new();
    private Tensor? _g;
    private Tensor? _dxMain;
    private Tensor? _dxShort;

    /// <summary>Makes a block from its main branch and its shortcut (empty: identity).</summary>
    public Residual(IReadOnlyList<Layer> main, IReadOnlyList<Layer> shortcut, bool reluAfterAdd = true)
    {
        if (main.Count == 0)
        {
            throw new ArgumentException("res: the main branch needs at least one layer.", nameof(main));
        }

        _main = [.. main];
        _shortcut = [.. shortcut];
        ReluAfterAdd = reluAfterAdd;
        LayerChain.Name(_main, "main");
        LayerChain.Name(_shortcut, "short");
    }

    /// <inheritdoc />
    public override string Kind => "res";

    /// <summary>The main branch's layers, in order.</summary>
    public IReadOnlyList<Layer> Main => _main;

    /// <summary>The shortcut's layers, in order (empty: the input itself).</summary>
    public IReadOnlyList<Layer> Shortcut => _shortcut;

    /// <summary>Whether a ReLU follows the sum.</summary>
    public bool ReluAfterAdd { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters =>
        [.. _main.SelectMany(l => l.Parameters), .. _shortcut.SelectMany(l => l.Parameters)];

    /// <inheritdoc />
    public override IReadOnlyList<StateBuffer> Buffers =>
        [.. _main.SelectMany(l => l.Buffers), .. _shortcut.SelectMany(l => l.Buffers)];

    /// <inheritdoc />
    public override void Initialize(Rng rng)
    {
        foreach (var layer in _main.Concat(_shortcut))
        {
            layer.Initialize(rng);
        }
    }

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        var main = _mainChain.Run(_main, input, training);
        var shortcut = _shortcut.Length == 0 ? input : _shortChain.Run(_shortcut, input, training);
        var size = OutputShape.Size;
        Batches.For(input.N, (start, end, _) =>
        {
            var y = output.Data.AsSpan(start * size, (end - start) * size);
            TensorPrimitives.Add(main.Data.AsSpan(start * size, (end - start) * size), shortcut.Data.AsSpan(start * size, (end - start) * size), y);
            if (ReluAfterAdd)
            {
                TensorPrimitives.Max(y, 0f, y);
            }
        });
    }

    /// <inheritdoc />
    public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        CheckBackward(input, output, gradOutput, gradInput);
        var n = input.N;
        var g = gradOutput;
        if (ReluAfterAdd)
        {
            g = _g!;
            g.N = n;
            var size = OutputShape.Size;
            Batches.For(n, (start, end, _) => ReLU.Mask(
                output.Data.AsSpan(start * size, (end - start) * size),
                gradOutput.Data.AsSpan(start * size, (end - start) * size),
                g.Data.AsSpan(start * size, (end - start) * size)));
        }

        var dxMain = gradInput is null ? null : _dxMain!;
        _mainChain.Back(_main, g, dxMain, training);
        if (_shortcut.Length > 0)
        {
            var dxShort = gradInput is null ? null : _dxShort!;
            _shortChain.Back(_shortcut, g, dxShort, training);
            if (gradInput is not null)
            {
                TensorPrimitives.Add(dxMain!.Span, dxShort!.Span, gradInput.Span);
            }
        }
        else if (gradInput is not null)
        {
            TensorPrimitives.Add(dxMain!.Span, g.Span, gradInput.Span);
        }
    }

    /// <inheritdoc />
    protected override SampleShape ComputeOutputShape(SampleShape input)
    {
        var probe = new BatchParallel(1);
        var main = LayerChain.Build(_main, input, 1, probe, "main");
        var shortcut = _shortcut.Length == 0 ? input : LayerChain.Build(_shortcut, input, 1, probe, "shortcut");
        if (main != shortcut)
        {
            throw new ArgumentException($"the main branch gives {main} but the shortcut {shortcut}.");
        }

        return main;
    }

    /// <inheritdoc />
    protected override void OnBuild()
    {
        _mainChain.Make(_main, InputShape, MaxBatch, Batches, "main");
        _shortChain.Make(_shortcut, InputShape, MaxBatch, Batches, "shortcut");
        _g = new Tensor(MaxBatch, OutputShape);
        _dxMain = new Tensor(MaxBatch, InputShape);
        _dxShort = new Tensor(MaxBatch, InputShape);
    }
}
