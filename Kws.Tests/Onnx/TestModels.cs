using Kws.Onnx.Format;

namespace Kws.Tests.Onnx;

/// <summary>A small keyword-spotting-shaped CNN with random weights, written by the writer, and its naive reference.</summary>
internal sealed class SmallCnn
{
    public const int Height = 98;
    public const int Width = 40;
    public const int Channels = 4;
    public const int Classes = 3;

    private readonly Random _random;

    public SmallCnn(int seed)
    {
        _random = new Random(seed);
        W1 = Uniform(Channels * 9, 1.0 / 3);
        B1 = Uniform(Channels, 0.1);
        BnScale = Uniform(Channels, 0.5, 1.0);
        BnBias = Uniform(Channels, 0.2);
        BnMean = Uniform(Channels, 0.2);
        BnVar = Uniform(Channels, 0.4, 1.2);
        W2 = Uniform(Channels * 9, 1.0 / 3);
        B2 = Uniform(Channels, 0.1);
        Wfc = Uniform(Classes * Channels, 1.0);
        Bfc = Uniform(Classes, 0.1);
    }

    public float[] W1 { get; }
    public float[] B1 { get; }
    public float[] BnScale { get; }
    public float[] BnBias { get; }
    public float[] BnMean { get; }
    public float[] BnVar { get; }
    public float[] W2 { get; }
    public float[] B2 { get; }
    public float[] Wfc { get; }
    public float[] Bfc { get; }

    /// <summary>Input "x" [N,1,98,40]; outputs "prob" and "logits" [N,3].</summary>
    public OnnxModel Build()
    {
        var g = new OnnxGraph("small_cnn") { DocString = "test CNN" };
        var x = g.AddInput("x", OnnxElementType.Float, "N", 1, Height, Width);
        g.AddInitializer("w1", W1, Channels, 1, 3, 3);
        g.AddInitializer("b1", B1, Channels);
        g.AddInitializer("bn_scale", BnScale, Channels);
        g.AddInitializer("bn_bias", BnBias, Channels);
        g.AddInitializer("bn_mean", BnMean, Channels);
        g.AddInitializer("bn_var", BnVar, Channels);
        g.AddInitializer("w2", W2, Channels, 1, 3, 3);
        g.AddInitializer("b2", B2, Channels);
        g.AddInitializer("wfc", Wfc, Classes, Channels);
        g.AddInitializer("bfc", Bfc, Classes);

        var h = g.Conv("conv1", x, "w1", "b1", kernelShape: [3, 3], pads: [1, 1, 1, 1]);
        h = g.BatchNormalization("bn1", h, "bn_scale", "bn_bias", "bn_mean", "bn_var", epsilon: 1e-3f);
        h = g.Relu("relu1", h);
        h = g.MaxPool("pool1", h, [2, 2], strides: [2, 2]);
        h = g.Conv("dw", h, "w2", "b2", strides: [2, 2], pads: [2, 2, 2, 2], dilations: [2, 2], group: Channels);
        h = g.Relu("relu2", h);
        h = g.AveragePool("avg", h, [3, 3], strides: [2, 2], pads: [1, 1, 1, 1]);
        h = g.GlobalAveragePool("gap", h);
        h = g.Flatten("flat", h);
        var logits = g.Gemm("logits", h, "wfc", "bfc", transB: true);
        g.Softmax("prob", logits);
        g.AddOutput("prob", OnnxElementType.Float, "N", Classes);
        g.AddOutput("logits", OnnxElementType.Float, "N", Classes);
        return new OnnxModel(g) { ProducerName = "kws-test", ProducerVersion = "0.1", ModelVersion = 7, DocString = "a small CNN" };
    }

    /// <summary>(prob, logits) computed directly.</summary>
    public (RefTensor Prob, RefTensor Logits) Reference(ReadOnlySpan<float> input, int batch)
    {
        var x = RefTensor.FromFloats(input, batch, 1, Height, Width);
        var h = NaiveOps.Conv(x, W1, [Channels, 1, 3, 3], B1, [1, 1], [1, 1, 1, 1], [1, 1], 1);
        h = NaiveOps.BatchNorm(h, BnScale, BnBias, BnMean, BnVar, 1e-3f);
        h = NaiveOps.Relu(h);
        h = NaiveOps.Pool(h, [2, 2], [2, 2], [0, 0, 0, 0], max: true);
        h = NaiveOps.Conv(h, W2, [Channels, 1, 3, 3], B2, [2, 2], [2, 2, 2, 2], [2, 2], Channels);
        h = NaiveOps.Relu(h);
        h = NaiveOps.Pool(h, [3, 3], [2, 2], [1, 1, 1, 1], max: false);
        h = NaiveOps.Flatten(NaiveOps.GlobalAveragePool(h));
        var logits = NaiveOps.GemmTransB(h, Wfc, Bfc);
        return (NaiveOps.SoftmaxLastAxis(logits), logits);
    }

    public float[] RandomInput(int batch) => Uniform(batch * Height * Width, 2.0);

    private float[] Uniform(int count, double scale, double offset = 0) =>
        Enumerable.Range(0, count).Select(_ => (float)(offset + (scale * ((2 * _random.NextDouble()) - 1)))).ToArray();
}

/// <summary>x [N,3,4] -> Reshape [-1,12] -> MatMul [12,5] -> Add [5] -> y [N,5].</summary>
internal sealed class ReshapeMatMul
{
    public ReshapeMatMul(int seed)
    {
        var random = new Random(seed);
        W = Enumerable.Range(0, 12 * 5).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        B = Enumerable.Range(0, 5).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }

    public float[] W { get; }
    public float[] B { get; }

    public OnnxModel Build()
    {
        var g = new OnnxGraph("reshape_matmul");
        var x = g.AddInput("x", OnnxElementType.Float, "N", 3, 4);
        g.AddInitializer("w", W, 12, 5);
        g.AddInitializer("b", B, 5);
        var h = g.Reshape("flat", x, -1, 12);
        h = g.MatMul("mm", h, "w");
        g.Add("y", h, "b");
        g.AddOutput("y", OnnxElementType.Float, "N", 5);
        return new OnnxModel(g);
    }

    public RefTensor Reference(ReadOnlySpan<float> input, int batch) =>
        NaiveOps.MatMulAdd(RefTensor.FromFloats(input, batch, 12), W, B);
}
