namespace Trainer.Engine.Layers;

/// <summary>
/// One step of a <see cref="Models.Sequential"/> model. A layer is built once for an input shape, a largest batch and
/// a thread count (its scratch buffers are made then); forward and backward then allocate nothing.
/// Backward accumulates (+=) into the parameter gradients and overwrites the input gradient.
/// </summary>
internal abstract class Layer
{
    /// <summary>A short lower-case kind used in parameter names ("conv", "bn", ...).</summary>
    public abstract string Kind { get; }

    /// <summary>The shape of one input example (valid after <see cref="Build"/>).</summary>
    public SampleShape InputShape { get; private set; }

    /// <summary>The shape of one output example (valid after <see cref="Build"/>).</summary>
    public SampleShape OutputShape { get; private set; }

    /// <summary>Whether <see cref="Build"/> has run.</summary>
    public bool IsBuilt { get; private set; }

    /// <summary>The largest batch the layer was built for.</summary>
    protected int MaxBatch { get; private set; }

    /// <summary>The chunked parallel runner the layer was built with (named so as not to shadow System.Threading.Tasks.Parallel).</summary>
    protected BatchParallel Batches { get; private set; } = new(1);

    /// <summary>Trainable parameters, in a fixed order.</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>Non-trainable saved state (batch norm running statistics), in a fixed order.</summary>
    public virtual IReadOnlyList<StateBuffer> Buffers => [];

    /// <summary>Checks the input shape, works out the output shape and makes the scratch buffers.</summary>
    public void Build(SampleShape input, int maxBatch, BatchParallel parallel)
    {
        input.Validate(Kind);
        if (maxBatch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, $"{Kind}: the largest batch must be at least 1.");
        }

        InputShape = input;
        OutputShape = ComputeOutputShape(input);
        MaxBatch = maxBatch;
        Batches = parallel;
        OnBuild();
        IsBuilt = true;
    }

    /// <summary>Computes y = f(x) for the batch <paramref name="input"/>.N; <paramref name="output"/>.N must match.</summary>
    /// <param name="input">[N, InputShape].</param>
    /// <param name="output">[N, OutputShape], overwritten.</param>
    /// <param name="training">Training mode (batch statistics, dropout) or evaluation mode.</param>
    public abstract void Forward(Tensor input, Tensor output, bool training);

    /// <summary>
    /// Back-propagates <paramref name="gradOutput"/> (dL/dy) of the last forward call, which must have been made on the
    /// same <paramref name="input"/> and <paramref name="output"/> in the same mode.
    /// </summary>
    /// <param name="input">The forward input [N, InputShape].</param>
    /// <param name="output">The forward output [N, OutputShape].</param>
    /// <param name="gradOutput">dL/dy [N, OutputShape].</param>
    /// <param name="gradInput">dL/dx [N, InputShape], overwritten; null when the caller does not need it.</param>
    /// <param name="training">The mode of the forward call.</param>
    public abstract void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training);

    /// <summary>Sets trainable weights from <paramref name="rng"/> (He/Kaiming for weights, zero biases).</summary>
    public virtual void Initialize(Rng rng)
    {
    }

    /// <summary>The output shape for an input shape; throws when the input does not fit.</summary>
    protected abstract SampleShape ComputeOutputShape(SampleShape input);

    /// <summary>Makes scratch buffers; called by <see cref="Build"/> after the shapes are set.</summary>
    protected virtual void OnBuild()
    {
    }

    /// <summary>Throws unless the layer is built and the tensors match its shapes and each other's batch size.</summary>
    protected void CheckForward(Tensor input, Tensor output)
    {
        if (!IsBuilt)
        {
            throw new InvalidOperationException($"{Kind}: Build must be called before Forward.");
        }

        if (input.Shape != InputShape || output.Shape != OutputShape)
        {
            throw new ArgumentException($"{Kind}: expected input {InputShape} and output {OutputShape}, got {input.Shape} and {output.Shape}.");
        }

        if (input.N != output.N || input.N > MaxBatch)
        {
            throw new ArgumentException($"{Kind}: batch sizes {input.N} (input) and {output.N} (output) must agree and be at most {MaxBatch}.");
        }
    }

    /// <summary>Throws unless the gradient tensors match the forward tensors.</summary>
    protected void CheckBackward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput)
    {
        CheckForward(input, output);
        if (gradOutput.Shape != OutputShape || gradOutput.N != output.N)
        {
            throw new ArgumentException($"{Kind}: gradOutput must be [{output.N}, {OutputShape}], got [{gradOutput.N}, {gradOutput.Shape}].");
        }

        if (gradInput != null && (gradInput.Shape != InputShape || gradInput.N != input.N))
        {
            throw new ArgumentException($"{Kind}: gradInput must be [{input.N}, {InputShape}], got [{gradInput.N}, {gradInput.Shape}].");
        }
    }

    /// <summary>Makes one zeroed partial-gradient buffer of <paramref name="length"/> floats per chunk.</summary>
    protected float[][] ChunkBuffers(int length)
    {
        var result = new float[Batches.Chunks][];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new float[length];
        }

        return result;
    }

    /// <summary>Fills <paramref name="weights"/> with He/Kaiming normal values: N(0, 2 / fanIn).</summary>
    protected static void HeNormal(Rng rng, Span<float> weights, int fanIn)
    {
        var std = MathF.Sqrt(2f / fanIn);
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = rng.NextGaussian() * std;
        }
    }
}
