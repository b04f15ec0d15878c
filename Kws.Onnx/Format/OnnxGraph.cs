namespace Kws.Onnx.Format;

/// <summary>
/// Builds an ONNX graph: inputs, initializers, nodes in topological order, outputs. It checks as it goes that every
/// value is defined once and before it is used, so a mistake is named here rather than by a checker later.
/// The operator helpers (Conv, Relu, ...) are in <see cref="OnnxGraphOps"/>.
/// </summary>
public sealed class OnnxGraph
{
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];
    private readonly List<OnnxInitializer> _initializers = [];
    private readonly List<OnnxNode> _nodes = [];
    private readonly HashSet<string> _defined = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);

    /// <summary>Starts an empty graph.</summary>
    /// <param name="name">The graph's name (ONNX Runtime reports it as the graph name).</param>
    public OnnxGraph(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("an ONNX graph needs a name", nameof(name));
        }

        Name = name;
    }

    /// <summary>The graph's name.</summary>
    public string Name { get; }

    /// <summary>The graph's description (GraphProto.doc_string), or null.</summary>
    public string? DocString { get; set; }

    /// <summary>The graph inputs, in order.</summary>
    public IReadOnlyList<OnnxValueInfo> Inputs => _inputs;

    /// <summary>The graph outputs, in order.</summary>
    public IReadOnlyList<OnnxValueInfo> Outputs => _outputs;

    /// <summary>The initializers, in the order they were added.</summary>
    public IReadOnlyList<OnnxInitializer> Initializers => _initializers;

    /// <summary>The nodes, in topological order.</summary>
    public IReadOnlyList<OnnxNode> Nodes => _nodes;

    /// <summary>Declares a graph input.</summary>
    /// <param name="name">The value name.</param>
    /// <param name="elementType">The element type.</param>
    /// <param name="shape">The dimensions, e.g. ("N", 1, 98, 40).</param>
    /// <returns>The value name.</returns>
    public string AddInput(string name, OnnxElementType elementType, params OnnxDim[] shape)
    {
        Define(name, "graph input");
        _inputs.Add(new OnnxValueInfo(name, elementType, [.. shape]));
        return name;
    }

    /// <summary>Declares a graph output; the value must already be produced by a node, an input or an initializer.</summary>
    /// <param name="name">The value name.</param>
    /// <param name="elementType">The element type.</param>
    /// <param name="shape">The dimensions.</param>
    /// <returns>The value name.</returns>
    public string AddOutput(string name, OnnxElementType elementType, params OnnxDim[] shape)
    {
        RequireDefined(name, "graph output");
        if (_outputs.Any(o => o.Name == name))
        {
            throw new ArgumentException($"'{name}' is already a graph output", nameof(name));
        }

        _outputs.Add(new OnnxValueInfo(name, elementType, [.. shape]));
        return name;
    }

    /// <summary>Adds a constant tensor.</summary>
    /// <param name="initializer">The tensor.</param>
    /// <returns>Its value name.</returns>
    public string AddInitializer(OnnxInitializer initializer)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        Define(initializer.Name, "initializer");
        _initializers.Add(initializer);
        return initializer.Name;
    }

    /// <summary>Adds a float constant tensor.</summary>
    /// <param name="name">The value name.</param>
    /// <param name="values">The elements, row-major.</param>
    /// <param name="dims">The shape.</param>
    /// <returns>The value name.</returns>
    public string AddInitializer(string name, ReadOnlySpan<float> values, params long[] dims) =>
        AddInitializer(OnnxInitializer.Float(name, values, dims));

    /// <summary>Adds an int64 constant tensor.</summary>
    /// <param name="name">The value name.</param>
    /// <param name="values">The elements, row-major.</param>
    /// <param name="dims">The shape.</param>
    /// <returns>The value name.</returns>
    public string AddInitializer(string name, ReadOnlySpan<long> values, params long[] dims) =>
        AddInitializer(OnnxInitializer.Int64(name, values, dims));

    /// <summary>Adds a node of any operator of the default domain.</summary>
    /// <param name="opType">The operator, e.g. "Conv".</param>
    /// <param name="inputs">The input value names ("" for an omitted optional input).</param>
    /// <param name="outputs">The output value names; each must be new.</param>
    /// <param name="attributes">The attributes.</param>
    /// <returns>The node.</returns>
    public OnnxNode AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs,
        params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count == 0)
        {
            throw new ArgumentException($"a {opType} node needs at least one output", nameof(outputs));
        }

        var name = outputs[0];
        foreach (var input in inputs)
        {
            if (input.Length > 0)
            {
                RequireDefined(input, $"input of {opType} node '{name}'");
            }
        }

        if (!_nodeNames.Add(name))
        {
            throw new ArgumentException($"a node named '{name}' is already in graph '{Name}'", nameof(outputs));
        }

        foreach (var output in outputs)
        {
            Define(output, $"output of {opType} node '{name}'");
        }

        var node = new OnnxNode(opType, name, [.. inputs], [.. outputs], [.. attributes]);
        _nodes.Add(node);
        return node;
    }

    private void Define(string name, string role)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"the {role} needs a name", nameof(name));
        }

        if (!_defined.Add(name))
        {
            throw new ArgumentException($"'{name}' ({role}) is already defined in graph '{Name}'; ONNX values are defined once", nameof(name));
        }
    }

    private void RequireDefined(string name, string role)
    {
        if (!_defined.Contains(name))
        {
            throw new ArgumentException(
                $"'{name}' ({role}) is not defined yet in graph '{Name}': add the input, initializer or node that makes it first",
                nameof(name));
        }
    }
}
