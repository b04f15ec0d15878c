using Kws.Onnx.Contract;
using Kws.Onnx.Inference;
using Kws.Onnx.Runtime;
using TestSupport;

namespace Kws.Tests.Inference;

/// <summary>
/// A service that runs for months loads its model again each time the file is replaced (the new one opened while
/// the old one still runs, then the old one closed), and tries a broken file as often as one appears. Each load
/// makes an ONNX Runtime session, tensors and a binding; each failure must free what it made. Hundreds of such swaps
/// may leave no file descriptor, thread or memory behind. Runs alone (its own collection), so the process's readings
/// are this test's.
/// </summary>
[Collection(nameof(ReopenLeakTests))]
public sealed class ReopenLeakTests
{
    /// <summary>ONNX Runtime's and the allocator's memory settles within about 400 swaps of the first (measured).</summary>
    private const int WarmUpCycles = 400;
    private const int Cycles = 400;

    /// <summary>Native memory 400 swaps may add before the test calls it a leak (measured: 0.5 to 2 MiB).</summary>
    private const long NativeSlackBytes = 8L << 20;

    /// <summary>Live managed memory 400 swaps may add (measured: a few KiB).</summary>
    private const long ManagedSlackBytes = 256L << 10;

    [Fact]
    public void Hundreds_of_model_swaps_and_failed_loads_leave_no_descriptor_thread_or_memory_behind()
    {
        var model = Path.Combine(TestPaths.RepoRoot, "models", "kws-yesno.onnx");
        var dir = TestPaths.NewTempDir("kws-reopen");
        var bytes = File.ReadAllBytes(model);
        var truncated = Path.Combine(dir, "truncated.onnx");
        File.WriteAllBytes(truncated, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        var running = KeywordClassifier.Open(model);
        var mismatched = TinyContractModel.Write(dir, 101, 4, running.Contract.ToMetadata()); // 101 frames; the metadata says 98
        running.Input.Fill(0.25f);
        running.Run();
        var expected = running.Scores.ToArray();

        void Swap()
        {
            var next = KeywordClassifier.Open(model);
            next.Input.Fill(0.25f);
            next.Run();
            Assert.Equal(expected, next.Scores.ToArray());
            running.Dispose();
            running = next;
            Assert.Throws<OnnxRuntimeException>(() => KeywordClassifier.Open(truncated));
            Assert.Throws<ModelContractException>(() => KeywordClassifier.Open(mismatched));
        }

        try
        {
            ProcessResources.AssertNoLeak(Swap, WarmUpCycles, Cycles, NativeSlackBytes, ManagedSlackBytes);
        }
        finally
        {
            running.Dispose();
        }
    }
}

/// <summary>Leak tests read the whole process, so they run with no other test beside them.</summary>
[CollectionDefinition(nameof(ReopenLeakTests), DisableParallelization = true)]
public sealed class ReopenLeakCollection;
