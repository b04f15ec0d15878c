using TestSupport;
using Kws.Onnx.Runtime;

namespace Kws.Tests.Onnx;

/// <summary>Models written by the writer run in ONNX Runtime and agree with a direct computation.</summary>
public class OnnxInferenceTests
{
    private static readonly OnnxSessionOptions OneThread = new() { IntraOpThreads = 1, InterOpThreads = 1 };

    [Theory]
    [InlineData(OnnxGraphOptimization.None)]
    [InlineData(OnnxGraphOptimization.All)]
    public void SmallCnnMatchesDirectComputation(OnnxGraphOptimization optimization)
    {
        const int batch = 2;
        var cnn = new SmallCnn(seed: 11);
        using var env = new OnnxEnvironment("kws-tests");
        using var session = OnnxSession.FromBytes(env, cnn.Build().ToBytes(), OneThread with { Optimization = optimization });
        using var input = OnnxTensor.Create(batch, 1, SmallCnn.Height, SmallCnn.Width);
        using var prob = OnnxTensor.Create(batch, SmallCnn.Classes);
        using var logits = OnnxTensor.Create(batch, SmallCnn.Classes);
        using var binding = session.Bind(["x"], [input], ["prob", "logits"], [prob, logits]);

        var data = cnn.RandomInput(batch);
        data.CopyTo(input.Span);
        binding.Run();

        var expected = cnn.Reference(data, batch);
        OnnxAssert.Close(expected.Logits, logits.Span, 1e-5, "logits");
        OnnxAssert.Close(expected.Prob, prob.Span, 1e-5, "prob");
        Assert.True(expected.Logits.Data.Max() - expected.Logits.Data.Min() > 1e-3, "the test logits should not be all alike");
    }

    [Fact]
    public void ReshapeMatMulAddMatchesDirectComputation()
    {
        const int batch = 3;
        var model = new ReshapeMatMul(seed: 5);
        using var env = new OnnxEnvironment("kws-tests");
        using var session = OnnxSession.FromBytes(env, model.Build().ToBytes(), OneThread);
        using var input = OnnxTensor.Create(batch, 3, 4);
        using var output = OnnxTensor.Create(batch, 5);
        using var binding = session.Bind(input, output);

        var random = new Random(9);
        for (var i = 0; i < input.ElementCount; i++)
        {
            input.Span[i] = (float)((random.NextDouble() * 4) - 2);
        }

        binding.Run();
        OnnxAssert.Close(model.Reference(input.Span, batch), output.Span, 1e-5, "y");
    }

    [Fact]
    public void SessionFromFileRunsLikeSessionFromBytes()
    {
        var cnn = new SmallCnn(seed: 3);
        var model = cnn.Build();
        var dir = TestSupport.TestPaths.NewTempDir("kws-onnx");
        var path = Path.Combine(dir, "cnn.onnx");
        model.Save(path);

        using var env = new OnnxEnvironment("kws-tests");
        using var session = OnnxSession.FromFile(env, path, OneThread);
        using var input = OnnxTensor.Create(1, 1, SmallCnn.Height, SmallCnn.Width);
        using var prob = OnnxTensor.Create(1, SmallCnn.Classes);
        using var logits = OnnxTensor.Create(1, SmallCnn.Classes);
        using var binding = session.Bind(["x"], [input], ["prob", "logits"], [prob, logits]);
        var data = cnn.RandomInput(1);
        data.CopyTo(input.Span);
        binding.Run();
        OnnxAssert.Close(cnn.Reference(data, 1).Prob, prob.Span, 1e-5, "prob");
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void SteadyStateRunAllocatesNoManagedMemory()
    {
        var cnn = new SmallCnn(seed: 21);
        using var env = new OnnxEnvironment("kws-tests");
        using var session = OnnxSession.FromBytes(env, cnn.Build().ToBytes(), OneThread);
        using var input = OnnxTensor.Create(1, 1, SmallCnn.Height, SmallCnn.Width);
        using var prob = OnnxTensor.Create(1, SmallCnn.Classes);
        using var logits = OnnxTensor.Create(1, SmallCnn.Classes);
        using var binding = session.Bind(["x"], [input], ["prob", "logits"], [prob, logits]);
        cnn.RandomInput(1).CopyTo(input.Span);
        for (var i = 0; i < 20; i++)
        {
            binding.Run();
        }

        // Three rounds, the least counts: a real per-run allocation shows in every round, while the runtime's own
        // one-off work on this thread (tiered compilation of the loop, say) shows in one at most.
        var allocated = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 500; i++)
            {
                input.Span[i] += 0.01f;
                binding.Run();
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
        Assert.Equal(1.0, prob.Span.ToArray().Sum(), 4);
    }
}
