using System.Numerics.Tensors;

namespace Trainer.Engine.Layers;

/// <summary>
/// The block of broadcasted residual learning (Kim et al., "Broadcasted Residual Learning for Efficient Keyword
/// Spotting", BC-ResNet, 2021), on x [N, C, H = time, W = frequency]:
/// h = pre(x) (a transition block's 1x1 convolution, or x itself); x2 = freq(h), a frequency-wise chain (a 1x3
/// depthwise convolution and batch norm, which may stride over frequency); m = the mean of x2 over frequency
/// [N, C, T, 1]; t = time(m), a temporal chain on that one column; y = relu(x2 + t broadcast over frequency
/// (+ x when <see cref="Identity"/>)) (the ReLU can be left out, <see cref="ReluAfterAdd"/>). The 2-D part keeps the frequency structure, the temporal part is as cheap as a
/// 1-D network. Backward: g = dL/dy masked where y is 0; dL/dt = g summed over frequency; dL/dx2 = g + (dL/dm spread
/// evenly over frequency); dL/dx = pre'(freq'(dL/dx2)) (+ g).
/// </summary>
internal sealed class BroadcastResidual : Layer
{
    private readonly Layer[] _pre;
    private readonly Layer[] _freq;
    private readonly Layer[] _time;
    private readonly LayerChain _preChain = new();
    private readonly LayerChain _freqChain = new();
    private readonly LayerChain _timeChain = new();
    private Tensor? _mean;
    private Tensor? _g;
    private Tensor? _gSum;
    private Tensor? _dMean;
    private Tensor? _dX2;
    private Tensor? _dH;

    /// <summary>
    /// Makes a block from its three chains; <paramref name="identity"/> adds the input to the output; without
    /// <paramref name="reluAfterAdd"/> the sum is the output (for checks of the rest by finite differences).
    /// </summary>
    public BroadcastResidual(IReadOnlyList<Layer> pre, IReadOnlyList<Layer> freq, IReadOnlyList<Layer> time, bool identity, bool reluAfterAdd = true)
    {
        if (freq.Count == 0 || time.Count == 0)
        {
            throw new ArgumentException("bcres: the frequency and temporal chains need at least one layer each.");
        }

        _pre = [.. pre];
        _freq = [.. freq];
        _time = [.. time];
        Identity = identity;
        ReluAfterAdd = reluAfterAdd;
        LayerChain.Name(_pre, "pre");
        LayerChain.Name(_freq, "freq");
        LayerChain.Name(_time, "time");
    }

    /// <inheritdoc />
    public override string Kind => "bcres";

    /// <summary>The transition's layers before the frequency chain (empty in a normal block).</summary>
    public IReadOnlyList<Layer> Pre => _pre;

    /// <summary>The frequency-wise chain.</summary>
    public IReadOnlyList<Layer> Frequency => _freq;

    /// <summary>The temporal chain, on the mean over frequency.</summary>
    public IReadOnlyList<Layer> Time => _time;

    /// <summary>Whether the input is added to the output (a normal block; a transition block changes the shape).</summary>
    public bool Identity { get; }

    /// <summary>Whether a ReLU follows the sum (always in BC-ResNet).</summary>
    public bool ReluAfterAdd { get; }

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> Parameters => [.. _pre.Concat(_freq).Concat(_time).SelectMany(l => l.Parameters)];

    /// <inheritdoc />
    public override IReadOnlyList<StateBuffer> Buffers => [.. _pre.Concat(_freq).Concat(_time).SelectMany(l => l.Buffers)];

    /// <inheritdoc />
    public override void Initialize(Rng rng)
    {
        foreach (var layer in _pre.Concat(_freq).Concat(_time))
        {
            layer.Initialize(rng);
        }
    }

    /// <inheritdoc />
    public override void Forward(Tensor input, Tensor output, bool training)
    {
        CheckForward(input, output);
        var h = _preChain.Run(_pre, input, training);
        var x2 = _freqChain.Run(_freq, h, training);
        var (c, t, f) = (OutputShape.C, OutputShape.H, OutputShape.W);
        var mean = _mean!;
        mean.N = input.N;
        Batches.For(input.N, (start, end, _) =>
        {
            for (var row = start * c * t; row < end * c * t; row++)
            {
                mean.Data[row] = TensorPrimitives.Sum(x2.Data.AsSpan(row * f, f)) / f;
            }
        });
        var time = _timeChain.Run(_time, mean, training);
        Batches.For(input.N, (start, end, _) =>
        {
            for (var row = start * c * t; row < end * c * t; row++)
            {
                var y = output.Data.AsSpan(row * f, f);
                TensorPrimitives.Add(x2.Data.AsSpan(row * f, f), time.Data[row], y);
                if (Identity)
                {
                    TensorPrimitives.Add(y, input.Data.AsSpan(row * f, f), y);
                }

                if (ReluAfterAdd)
                {
                    TensorPrimitives.Max(y, 0f, y);
                }
            }
        });
    }

    /// <inheritdoc />
    public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        CheckBackward(input, output, gradOutput, gradInput);
        var n = input.N;
        var (c, t, f) = (OutputShape.C, OutputShape.H, OutputShape.W);
        var (g, gSum, dMean, dX2) = (_g!, _gSum!, _dMean!, _dX2!);
        g.N = gSum.N = dMean.N = dX2.N = n;
        Batches.For(n, (start, end, _) =>
        {
            for (var row = start * c * t; row < end * c * t; row++)
            {
                var gr = g.Data.AsSpan(row * f, f);
                if (ReluAfterAdd)
                {
                    ReLU.Mask(output.Data.AsSpan(row * f, f), gradOutput.Data.AsSpan(row * f, f), gr);
                }
                else
                {
                    gradOutput.Data.AsSpan(row * f, f).CopyTo(gr);
                }

                gSum.Data[row] = TensorPrimitives.Sum(gr);
            }
        });
        _timeChain.Back(_time, gSum, dMean, training);
        Batches.For(n, (start, end, _) =>
        {
            for (var row = start * c * t; row < end * c * t; row++)
            {
                TensorPrimitives.Add(g.Data.AsSpan(row * f, f), dMean.Data[row] / f, dX2.Data.AsSpan(row * f, f));
            }
        });
        var needInput = gradInput is not null;
        if (_pre.Length == 0)
        {
            _freqChain.Back(_freq, dX2, needInput ? gradInput : null, training);
        }
        else
        {
            _freqChain.Back(_freq, dX2, _dH, training);
            _preChain.Back(_pre, _dH!, needInput ? gradInput : null, training);
        }

        if (Identity && gradInput is not null)
        {
            TensorPrimitives.Add(gradInput.Span, g.Span, gradInput.Span);
        }
    }

    /// <inheritdoc />
    protected override SampleShape ComputeOutputShape(SampleShape input)
    {
        var probe = new BatchParallel(1);
        var h = LayerChain.Build(_pre, input, 1, probe, "pre");
        var x2 = LayerChain.Build(_freq, h, 1, probe, "frequency");
        var time = LayerChain.Build(_time, x2 with { W = 1 }, 1, probe, "temporal");
        if (time != x2 with { W = 1 })
        {
            throw new ArgumentException($"the temporal chain gives {time}, but it must keep the frequency chain's mean {x2 with { W = 1 }}.");
        }

        if (Identity && x2 != input)
        {
            throw new ArgumentException($"an identity block must keep its input's shape {input}, but the frequency chain gives {x2}.");
        }

        return x2;
    }

    /// <inheritdoc />
    protected override void OnBuild()
    {
        var h = _preChain.Make(_pre, InputShape, MaxBatch, Batches, "pre");
        _freqChain.Make(_freq, h, MaxBatch, Batches, "frequency");
        var column = OutputShape with { W = 1 };
        _timeChain.Make(_time, column, MaxBatch, Batches, "temporal");
        _mean = new Tensor(MaxBatch, column);
        _gSum = new Tensor(MaxBatch, column);
        _dMean = new Tensor(MaxBatch, column);
        _g = new Tensor(MaxBatch, OutputShape);
        _dX2 = new Tensor(MaxBatch, OutputShape);
        _dH = new Tensor(MaxBatch, h);
    }
}
