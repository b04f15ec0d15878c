using TestSupport;
using Trainer.Cli;

namespace Trainer.Tests;

/// <summary>The trainer's arrows, read from its compiled code: it builds on the shared libraries, never on the service.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Roots = ["Trainer", "Kws.Audio", "Kws.Onnx", "Kws.Detection"];

    [Fact]
    public void The_trainer_does_not_reference_the_service()
    {
        var names = typeof(TrainerCli).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("kws-edge", names);
        Assert.Contains("Kws.Detection", names);
    }

    [Fact]
    public void The_areas_of_the_trainer_form_no_cycle()
    {
        var edges = Edges();
        Assert.Contains(("Trainer.Training", "Trainer.Engine"), edges.Keys); // the reading sees what is there
        Assert.Null(TypeDependencies.DescribeCycle(edges));
    }

    [Theory]
    [InlineData("Trainer.Augment", "Trainer.StreamEval")]
    [InlineData("Trainer.Augment", "Trainer.Training")]
    [InlineData("Trainer.Engine", "Trainer.Training")]
    [InlineData("Trainer.Engine", "Trainer.StreamEval")]
    [InlineData("Trainer.Data", "Trainer.Training")]
    public void A_forbidden_arrow_is_absent(string from, string to)
    {
        Assert.False(Edges().TryGetValue((from, to), out var example), $"{from} must not use {to}: {example}");
    }

    private static Dictionary<(string From, string To), string> Edges() =>
        TypeDependencies.AreaEdges(typeof(TrainerCli).Assembly, t => TypeDependencies.AreaOf(t, Roots));
}
