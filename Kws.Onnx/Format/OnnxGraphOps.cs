namespace Kws.Onnx.Format;

/// <summary>
/// The operators a small CNN needs, as one-line helpers over <see cref="OnnxGraph.AddNode"/> (opset 17 semantics).
/// Each takes the output name first, then the inputs, and returns the output name so calls chain.
/// </summary>
public static class OnnxGraphOps
{
    /// <summary>Convolution. For a depthwise convolution set <paramref name="group"/> to the channel count.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="input">X: [N, C, H, W].</param>
    /// <param name="weight">W: [M, C/group, kH, kW].</param>
    /// <param name="bias">B: [M], or null.</param>
    /// <param name="kernelShape">kernel_shape, or null to take it from W.</param>
    /// <param name="strides">strides, or null for 1.</param>
    /// <param name="pads">pads as [top, left, bottom, right], or null for 0.</param>
    /// <param name="dilations">dilations, or null for 1.</param>
    /// <param name="group">group.</param>
    /// <returns>The output name.</returns>
    public static string Conv(this OnnxGraph graph, string output, string input, string weight, string? bias = null,
        long[]? kernelShape = null, long[]? strides = null, long[]? pads = null, long[]? dilations = null, long group = 1)
    {
        var attributes = new List<OnnxAttribute>();
        AddInts(attributes, "kernel_shape", kernelShape);
        AddInts(attributes, "strides", strides);
        AddInts(attributes, "pads", pads);
        AddInts(attributes, "dilations", dilations);
        if (group != 1)
        {
            attributes.Add(OnnxAttribute.Int("group", group));
        }

        string[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        return Node(graph, "Conv", inputs, output, [.. attributes]);
    }

    /// <summary>Batch normalization in inference mode.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="input">X.</param>
    /// <param name="scale">Per-channel scale.</param>
    /// <param name="bias">Per-channel bias.</param>
    /// <param name="mean">Per-channel running mean.</param>
    /// <param name="variance">Per-channel running variance.</param>
    /// <param name="epsilon">epsilon.</param>
    /// <returns>The output name.</returns>
    public static string BatchNormalization(this OnnxGraph graph, string output, string input, string scale,
        string bias, string mean, string variance, float epsilon = 1e-5f) =>
        Node(graph, "BatchNormalization", [input, scale, bias, mean, variance], output,
            OnnxAttribute.Float("epsilon", epsilon));

    /// <summary>max(x, 0).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="input">X.</param>
    /// <returns>The output name.</returns>
    public static string Relu(this OnnxGraph graph, string output, string input) =>
        Node(graph, "Relu", [input], output);

    /// <summary>Max pooling.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="input">X.</param>
    /// <param name="kernelShape">kernel_shape.</param>
    /// <param name="strides">strides, or null for 1.</param>
    /// <param name="pads">pads, or null for 0.</param>
    /// <returns>The output name.</returns>
    public static string MaxPool(this OnnxGraph graph, string output, string input, long[] kernelShape,
        long[]? strides = null, long[]? pads = null) =>
        Node(graph, "MaxPool", [input], output, PoolAttributes(kernelShape, strides, pads));

    /// <summary>Average pooling.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="input">X.</param>
    /// <param name="kernelShape">kernel_shape.</param>
    /// <param name="strides">strides, or null for 1.</param>
    /// <param name="pads">pads, or null for 0.</param>
    /// <param name="countIncludePad">count_include_pad: whether padding counts in the divisor.</param>
    /// <returns>The output name.</returns>
    public static string AveragePool(this OnnxGraph graph, string output, string input, long[] kernelShape,
        long[]? strides = null, long[]? pads = null, bool countIncludePad = false)
    {
        var attributes = PoolAttributes(kernelShape, strides, pads);
        if (countIncludePad)
        {
            attributes = [.. attributes, OnnxAttribute.Int("count_include_pad", 1)];
        }

        return Node(graph, "AveragePool", [input], output, attributes);
    }

    /// <summary>Mean over all spatial positions: [N, C, H, W] to [N, C, 1, 1].</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="input">X.</param>
    /// <returns>The output name.</returns>
    public static string GlobalAveragePool(this OnnxGraph graph, string output, string input) =>
        Node(graph, "GlobalAveragePool", [input], output);

    /// <summary>Flattens to 2-D: dimensions before <paramref name="axis"/> form the rows.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="input">X.</param>
    /// <param name="axis">axis.</param>
    /// <returns>The output name.</returns>
    public static string Flatten(this OnnxGraph graph, string output, string input, long axis = 1) =>
        Node(graph, "Flatten", [input], output, OnnxAttribute.Int("axis", axis));

    /// <summary>Reshape to a constant shape (one entry may be -1, and 0 copies the input's dimension).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name; the shape initializer is named output + "_shape".</param>
    /// <param name="input">X.</param>
    /// <param name="shape">The target shape.</param>
    /// <returns>The output name.</returns>
    public static string Reshape(this OnnxGraph graph, string output, string input, params long[] shape)
    {
        var shapeName = graph.AddInitializer(output + "_shape", shape, shape.Length);
        return Node(graph, "Reshape", [input, shapeName], output);
    }

    /// <summary>General matrix multiply: alpha * A' * B' + beta * C.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="a">A: [M, K] (or [K, M] with transA).</param>
    /// <param name="b">B: [K, N] (or [N, K] with transB).</param>
    /// <param name="c">C, broadcast to [M, N], or null.</param>
    /// <param name="alpha">alpha.</param>
    /// <param name="beta">beta.</param>
    /// <param name="transA">transA.</param>
    /// <param name="transB">transB.</param>
    /// <returns>The output name.</returns>
    public static string Gemm(this OnnxGraph graph, string output, string a, string b, string? c = null,
        float alpha = 1f, float beta = 1f, bool transA = false, bool transB = false)
    {
        var attributes = new List<OnnxAttribute>();
        if (alpha != 1f)
        {
            attributes.Add(OnnxAttribute.Float("alpha", alpha));
        }

        if (beta != 1f)
        {
            attributes.Add(OnnxAttribute.Float("beta", beta));
        }

        if (transA)
        {
            attributes.Add(OnnxAttribute.Int("transA", 1));
        }

        if (transB)
        {
            attributes.Add(OnnxAttribute.Int("transB", 1));
        }

        string[] inputs = c is null ? [a, b] : [a, b, c];
        return Node(graph, "Gemm", inputs, output, [.. attributes]);
    }

    /// <summary>Matrix product with numpy broadcasting.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="a">A.</param>
    /// <param name="b">B.</param>
    /// <returns>The output name.</returns>
    public static string MatMul(this OnnxGraph graph, string output, string a, string b) =>
        Node(graph, "MatMul", [a, b], output);

    /// <summary>Element-wise sum with numpy broadcasting.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="a">A.</param>
    /// <param name="b">B.</param>
    /// <returns>The output name.</returns>
    public static string Add(this OnnxGraph graph, string output, string a, string b) =>
        Node(graph, "Add", [a, b], output);

    /// <summary>Element-wise sum of any number of inputs (with numpy broadcasting).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="inputs">The inputs.</param>
    /// <returns>The output name.</returns>
    public static string Sum(this OnnxGraph graph, string output, params string[] inputs) =>
        Node(graph, "Sum", inputs, output);

    /// <summary>Element-wise product with numpy broadcasting.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="a">A.</param>
    /// <param name="b">B.</param>
    /// <returns>The output name.</returns>
    public static string Mul(this OnnxGraph graph, string output, string a, string b) =>
        Node(graph, "Mul", [a, b], output);

    /// <summary>Mean over <paramref name="axes"/> (opset 13-17 form: the axes as an attribute).</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="input">Data.</param>
    /// <param name="keepDims">keepdims.</param>
    /// <param name="axes">axes.</param>
    /// <returns>The output name.</returns>
    public static string ReduceMean(this OnnxGraph graph, string output, string input, bool keepDims, params long[] axes) =>
        Node(graph, "ReduceMean", [input], output, OnnxAttribute.Ints("axes", axes), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>Permutes the axes: output axis i is input axis <paramref name="perm"/>[i].</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="input">Data.</param>
    /// <param name="perm">perm.</param>
    /// <returns>The output name.</returns>
    public static string Transpose(this OnnxGraph graph, string output, string input, params long[] perm) =>
        Node(graph, "Transpose", [input], output, OnnxAttribute.Ints("perm", perm));

    /// <summary>
    /// The elements from <paramref name="start"/> to <paramref name="end"/> (exclusive; negative counts from the end,
    /// long.MaxValue: to the end) along one axis (opset 13+ form: starts, ends and axes as int64 initializers named
    /// output + "_starts", "_ends", "_axes").
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="input">Data.</param>
    /// <param name="axis">The axis.</param>
    /// <param name="start">The first index.</param>
    /// <param name="end">One past the last index.</param>
    /// <returns>The output name.</returns>
    public static string Slice(this OnnxGraph graph, string output, string input, long axis, long start, long end)
    {
        var starts = graph.AddInitializer(output + "_starts", [start], 1);
        var ends = graph.AddInitializer(output + "_ends", [end], 1);
        var axes = graph.AddInitializer(output + "_axes", [axis], 1);
        return Node(graph, "Slice", [input, starts, ends, axes], output);
    }

    /// <summary>Joins the inputs along one axis.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="axis">axis.</param>
    /// <param name="inputs">The tensors, in order.</param>
    /// <returns>The output name.</returns>
    public static string Concat(this OnnxGraph graph, string output, long axis, params string[] inputs) =>
        Node(graph, "Concat", inputs, output, OnnxAttribute.Int("axis", axis));

    /// <summary>Softmax along one axis.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The output value name.</param>
    /// <param name="input">X.</param>
    /// <param name="axis">axis (-1: the last).</param>
    /// <returns>The output name.</returns>
    public static string Softmax(this OnnxGraph graph, string output, string input, long axis = -1) =>
        Node(graph, "Softmax", [input], output, OnnxAttribute.Int("axis", axis));

    private static string Node(OnnxGraph graph, string opType, string[] inputs, string output,
        params OnnxAttribute[] attributes)
    {
        ArgumentNullException.ThrowIfNull(graph);
        graph.AddNode(opType, inputs, [output], attributes);
        return output;
    }

    private static OnnxAttribute[] PoolAttributes(long[] kernelShape, long[]? strides, long[]? pads)
    {
        ArgumentNullException.ThrowIfNull(kernelShape);
        var attributes = new List<OnnxAttribute>();
        AddInts(attributes, "kernel_shape", kernelShape);
        AddInts(attributes, "strides", strides);
        AddInts(attributes, "pads", pads);
        return [.. attributes];
    }

    private static void AddInts(List<OnnxAttribute> attributes, string name, long[]? values)
    {
        if (values is not null)
        {
            attributes.Add(OnnxAttribute.Ints(name, values));
        }
    }
}
