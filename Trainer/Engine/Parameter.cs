namespace Trainer.Engine;

/// <summary>A trainable array: its value, its accumulated gradient and the layout of both.</summary>
internal sealed class Parameter
{
    /// <summary>Makes a zeroed parameter.</summary>
    /// <param name="name">Local name within its layer, such as "weight".</param>
    /// <param name="shape">Layout, outermost first (for a convolution weight: outC, inC/groups, kH, kW).</param>
    /// <param name="applyWeightDecay">False for biases and batch norm scales/shifts.</param>
    public Parameter(string name, int[] shape, bool applyWeightDecay)
    {
        Name = name;
        Shape = shape;
        ApplyWeightDecay = applyWeightDecay;
        var length = 1;
        foreach (var d in shape)
        {
            length = checked(length * d);
        }

        Value = new float[length];
        Grad = new float[length];
    }

    /// <summary>The name; the model prefixes it with the layer index and kind ("3.bn.gamma").</summary>
    public string Name { get; internal set; }

    /// <summary>Layout of <see cref="Value"/>, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>Whether decoupled weight decay applies (weights: yes; biases and batch norm: no).</summary>
    public bool ApplyWeightDecay { get; }

    /// <summary>The values, row-major in <see cref="Shape"/>.</summary>
    public float[] Value { get; }

    /// <summary>The gradient, accumulated by backward passes until zeroed.</summary>
    public float[] Grad { get; }

    /// <summary>Number of values.</summary>
    public int Length => Value.Length;

    /// <inheritdoc />
    public override string ToString() => $"{Name}[{string.Join(',', Shape)}]";
}
