namespace Trainer.Engine.Layers;

/// <summary>
/// A chain of layers inside a block (a branch of <see cref="Residual"/>, a part of <see cref="BroadcastResidual"/>),
/// with the activations and gradients it keeps between a forward and its backward. Made once by <see cref="Make"/>;
/// running it allocates nothing.
/// </summary>
internal sealed class LayerChain
{
    private Tensor[] _acts = [];
    private Tensor[] _grads = [];

    /// <summary>Builds the layers in turn from <paramref name="input"/>; returns the last output shape. Errors name <paramref name="what"/> and the layer.</summary>
    public static SampleShape Build(Layer[] layers, SampleShape input, int maxBatch, BatchParallel parallel, string what)
    {
        var shape = input;
        for (var j = 0; j < layers.Length; j++)
        {
            try
            {
                layers[j].Build(shape, maxBatch, parallel);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{what} layer {j} ({layers[j].Kind}) cannot take input {shape}: {e.Message}", e);
            }

            shape = layers[j].OutputShape;
        }

        return shape;
    }

    /// <summary>Builds the layers and makes the buffers for <paramref name="maxBatch"/>; returns the output shape.</summary>
    public SampleShape Make(Layer[] layers, SampleShape input, int maxBatch, BatchParallel parallel, string what)
    {
        var output = Build(layers, input, maxBatch, parallel, what);
        _acts = new Tensor[layers.Length + 1];
        _grads = new Tensor[layers.Length + 1];
        for (var j = 0; j < layers.Length; j++)
        {
            _acts[j + 1] = new Tensor(maxBatch, layers[j].OutputShape);
            _grads[j] = new Tensor(maxBatch, layers[j].InputShape);
        }

        return output;
    }

    /// <summary>Runs the layers on <paramref name="input"/>; returns the last activation (owned by the chain).</summary>
    public Tensor Run(Layer[] layers, Tensor input, bool training)
    {
        _acts[0] = input;
        for (var j = 0; j < layers.Length; j++)
        {
            _acts[j + 1].N = input.N;
            layers[j].Forward(_acts[j], _acts[j + 1], training);
        }

        return _acts[^1];
    }

    /// <summary>Back-propagates <paramref name="gradOutput"/> through the last <see cref="Run"/>; <paramref name="gradInput"/> (if any) gets dL/dx.</summary>
    public void Back(Layer[] layers, Tensor gradOutput, Tensor? gradInput, bool training)
    {
        if (layers.Length > 0 && _acts[0] is null)
        {
            throw new InvalidOperationException("a block's Backward needs its Forward on the same batch just before it.");
        }

        for (var j = layers.Length - 1; j >= 0; j--)
        {
            var dy = j == layers.Length - 1 ? gradOutput : _grads[j + 1];
            var dx = j > 0 ? _grads[j] : gradInput;
            if (dx != null)
            {
                dx.N = gradOutput.N;
            }

            layers[j].Backward(_acts[j], _acts[j + 1], dy, dx, training);
        }
    }

    /// <summary>
    /// Prefixes the parameters and buffers of <paramref name="layers"/> with "{branch}{j}-{kind}-", once, when the
    /// block is made (a block inside this one has named its own already). The model prefixes "index.kind." and keeps
    /// what follows the last dot, so these names must hold no dot.
    /// </summary>
    public static void Name(Layer[] layers, string branch)
    {
        for (var j = 0; j < layers.Length; j++)
        {
            foreach (var p in layers[j].Parameters)
            {
                p.Name = $"{branch}{j}-{layers[j].Kind}-{p.Name}";
            }

            foreach (var b in layers[j].Buffers)
            {
                b.Name = $"{branch}{j}-{layers[j].Kind}-{b.Name}";
            }
        }
    }
}
