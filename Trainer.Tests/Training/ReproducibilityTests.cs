using TestSupport;
using Trainer.Engine;
using Trainer.Tests.Data;

namespace Trainer.Tests.Training;

/// <summary>
/// "Seeded" means the same weights from the same data and seed in every run, not only within one process: two trainer
/// processes (each with its own per-process hash seed) must write identical weights.
/// </summary>
public class ReproducibilityTests
{
    [Fact]
    public void DerivedSeedsAreSplitMix64OfTheirInputs()
    {
        // Reference values from an independent Python implementation of SplitMix64 (Steele et al.).
        Assert.Equal(619510778, Rng.DeriveSeed(1, 2, 0x5eed));
        Assert.Equal(1510526497, Rng.DeriveSeed(5, 7));
        Assert.Equal(1343550121, Rng.DeriveSeed(-3, 9));
    }

    [Fact]
    public void TwoTrainerProcessesWithTheSameSeedWriteTheSameWeights()
    {
        var data = GeneratedDataset.Create(TestPaths.NewTempDir("kws-repro-data"), speakers: 12, perSpeaker: 1);
        var first = Train(data, TestPaths.NewTempDir("kws-repro-a"));
        var second = Train(data, TestPaths.NewTempDir("kws-repro-b"));
        Assert.Equal(first, second);
    }

    private static byte[] Train(string data, string output)
    {
        var (code, log, errors) = TrainerProcess.Run(
            "train", "--data", data, "--out", output, "--epochs", "2", "--batch", "8", "--width", "8", "--blocks", "1", "--threads", "2", "--seed", "3");
        Assert.True(code == 0, $"kws-trainer exited {code}: {log}{errors}");
        return File.ReadAllBytes(Path.Combine(output, "model.weights"));
    }
}
