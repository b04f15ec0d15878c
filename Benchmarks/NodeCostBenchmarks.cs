using BenchmarkDotNet.Attributes;
using Kws.Onnx.Format;
using Kws.Onnx.Runtime;

namespace Benchmarks;

/// <summary>
/// What one ONNX Runtime node costs at the sizes a streaming step runs (5 new frames): single-node graphs of the
/// streaming MatchboxNet's convolutions, run through a pre-bound session as the service runs its model, beside an
/// empty-ish graph (one Relu) and the same pointwise convolution on 10 times the frames. When a node's time hardly
/// depends on its multiply-adds, fewer or cheaper multiply-adds (int8) cannot make the step much faster.
/// </summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(3)]
[IterationCount(10)]
public class NodeCostBenchmarks
{
    private readonly List<IDisposable> _owned = [];
    private OnnxRunBinding _binding = null!;

    /// <summary>The graph: "relu" (320 values), "depthwise k13" (128 channels, 5 frames: 8 K multiply-adds), "pointwise 128" (128 x 128, 5 frames: 82 K), "pointwise 128 x50" (50 frames: 819 K).</summary>
    [Params("relu", "depthwise k13", "pointwise 128", "pointwise 128 x50")]
    public string Node { get; set; } = "relu";

    [GlobalSetup]
    public void Setup()
    {
        var (c, k, t, group) = Node switch
        {
            "depthwise k13" => (128, 13, 5, 128),
            "pointwise 128" => (128, 1, 5, 1),
            "pointwise 128 x50" => (128, 1, 50, 1),
            _ => (64, 1, 5, 0),
        };
        var graph = new OnnxGraph("node");
        var x = graph.AddInput("x", OnnxElementType.Float, 1, c, t + k - 1, 1);
        var y = group == 0
            ? graph.Relu("y", x)
            : graph.Conv("y", x, graph.AddInitializer("w", new float[c * (c / group) * k], c, c / group, k, 1), null, [k, 1], null, null, null, group);
        graph.AddOutput(y, OnnxElementType.Float, 1, c, t, 1);
        var path = Path.Combine(Path.GetTempPath(), $"kws-node-{Environment.ProcessId}.onnx");
        new OnnxModel(graph).Save(path);
        var environment = Own(new OnnxEnvironment("bench", OnnxLogLevel.Warning, null));
        var session = Own(OnnxSession.FromFile(environment, path, new OnnxSessionOptions { IntraOpThreads = 1, InterOpThreads = 1 }));
        File.Delete(path);
        var input = Own(OnnxTensor.Create(1, c, t + k - 1, 1));
        var output = Own(OnnxTensor.Create(1, c, t, 1));
        _binding = Own(session.Bind(input, output));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    /// <summary>One run of the one-node graph.</summary>
    [Benchmark]
    public void Run() => _binding.Run();

    private T Own<T>(T item)
        where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }
}
