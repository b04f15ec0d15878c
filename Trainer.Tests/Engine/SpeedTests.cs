using Trainer.Engine;
using Trainer.Engine.Models;

namespace Trainer.Tests.Engine;

/// <summary>
/// A rough timing of the DS-CNN-like model (about 21k parameters) on 1x98x40 inputs, batch 64. It reports the time
/// and checks the steps are sane (finite loss, which drops on a repeated batch); it asserts no speed, since the CPU is
/// shared. Filter it out with --filter "Category!=Speed".
/// </summary>
public class SpeedTests
{
    [Fact]
    [Trait("Category", "Speed")]
    public void DsCnnTrainingStepOnBatchOf64()
    {
        var model = DsCnn.Create(classes: 4);
        var result = SpeedProbe.Measure(model, new SampleShape(1, 98, 40), batch: 64, steps: 5);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"DS-CNN {model.ParameterCount} params, {Environment.ProcessorCount} threads: mean {result.MillisecondsPerStep:F0} ms, fastest {result.FastestMilliseconds:F0} ms per training step on a batch of 64 (loss {result.FirstLoss:F3} -> {result.LastLoss:F3})");
        Assert.InRange(model.ParameterCount, 20_000, 30_000);
        Assert.True(float.IsFinite(result.LastLoss) && result.LastLoss < result.FirstLoss, $"loss {result.FirstLoss} -> {result.LastLoss}");
    }

    [Theory]
    [Trait("Category", "Speed")]
    [InlineData("dscnn96")]
    [InlineData("tcresnet14")]
    [InlineData("matchboxnet")]
    [InlineData("bcresnet2")]
    [InlineData("bcresnet3")]
    public void TrainingStepPerArchitecture(string name)
    {
        var model = name switch
        {
            "dscnn96" => DsCnn.Create(16, 96, 4),
            "tcresnet14" => TcResNet.Create(16, 40, 36, 2),
            "bcresnet2" => BcResNet.Create(16, 40, 16),
            "bcresnet3" => BcResNet.Create(16, 40, 24),
            _ => MatchboxNet.Create(16, 40, 64, 3),
        };
        var result = SpeedProbe.Measure(model, new SampleShape(1, 98, 40), batch: 64, steps: 5);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{name} {model.ParameterCount} params, {Trainer.Training.ModelCost.MultiplyAdds(model)} multiply-adds: mean {result.MillisecondsPerStep:F0} ms, fastest {result.FastestMilliseconds:F0} ms per training step on a batch of 64");
        Assert.True(float.IsFinite(result.LastLoss) && result.LastLoss < result.FirstLoss, $"loss {result.FirstLoss} -> {result.LastLoss}");
    }
}
