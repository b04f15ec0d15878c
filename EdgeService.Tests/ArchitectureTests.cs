using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using EdgeService.Hosting;
using Kws.Audio;
using Kws.Detection.Composition;
using Kws.Onnx.Contract;
using TestSupport;

namespace EdgeService.Tests;

/// <summary>
/// The arrows between projects and between areas (namespaces) point one way, read from the project files and from the
/// compiled code: a forbidden reference that comes back fails here, naming the type that makes it.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Roots = ["EdgeService", "Kws.Audio", "Kws.Onnx", "Kws.Detection"];

    private static readonly Assembly[] Ours =
    [
        typeof(ServiceHost).Assembly, typeof(DetectionReplay).Assembly, typeof(PipelineAudio).Assembly, typeof(ModelContract).Assembly,
    ];

    /// <summary>Which of our projects each product project may reference: libraries below tools and the service, never the service.</summary>
    public static TheoryData<string, string[]> AllowedProjectReferences => new()
    {
        { "Kws.Audio", [] },
        { "Kws.Onnx", ["Kws.Audio"] },
        { "Kws.Detection", ["Kws.Audio", "Kws.Onnx"] },
        { "EdgeService", ["Kws.Audio", "Kws.Onnx", "Kws.Detection"] },
        { "Trainer", ["Kws.Audio", "Kws.Onnx", "Kws.Detection"] },
        { "Benchmarks", ["Kws.Audio", "Kws.Onnx", "Kws.Detection"] },
    };

    [Theory]
    [MemberData(nameof(AllowedProjectReferences))]
    public void A_project_references_only_the_libraries_below_it(string project, string[] allowed)
    {
        var file = Path.Combine(TestPaths.RepoRoot, project, project + ".csproj");
        var references = XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
        Assert.All(references, r => Assert.True(allowed.Contains(r), $"{project} references {r}; it may reference only {string.Join(", ", allowed)}"));
    }

    [Fact]
    public void The_service_and_the_detection_library_open_their_internals_to_their_tests_only()
    {
        foreach (var assembly in new[] { typeof(ServiceHost).Assembly, typeof(DetectionReplay).Assembly })
        {
            var friends = assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToList();
            Assert.True(friends.All(f => f == "EdgeService.Tests"), $"{assembly.GetName().Name} opens its internals to {string.Join(", ", friends)}");
        }
    }

    [Fact]
    public void The_libraries_do_not_reference_the_service()
    {
        foreach (var library in new[] { typeof(DetectionReplay).Assembly, typeof(PipelineAudio).Assembly, typeof(ModelContract).Assembly })
        {
            var names = library.GetReferencedAssemblies().Select(a => a.Name).ToList();
            Assert.DoesNotContain("kws-edge", names);
        }
    }

    [Fact]
    public void The_areas_of_the_service_and_its_libraries_form_no_cycle()
    {
        var edges = Edges();
        Assert.Null(TypeDependencies.DescribeCycle(edges));
    }

    [Theory]
    [InlineData("EdgeService.Gpio", "EdgeService.Detection")]
    [InlineData("EdgeService.Gpio", "EdgeService.Hosting")]
    [InlineData("EdgeService.Leds", "EdgeService.Gpio")]
    [InlineData("EdgeService.Leds", "EdgeService.Hosting")]
    [InlineData("EdgeService.Systemd", "EdgeService.Hosting")]
    [InlineData("EdgeService.Audio", "EdgeService.Hosting")]
    [InlineData("EdgeService.Audio", "EdgeService.Cli")]
    [InlineData("EdgeService.Health", "EdgeService.Hosting")]
    [InlineData("Kws.Detection.Pipeline", "Kws.Detection.Composition")]
    [InlineData("Kws.Detection.Pipeline", "Kws.Detection.Model")]
    public void A_forbidden_arrow_is_absent(string from, string to)
    {
        var edges = Edges();
        Assert.False(edges.TryGetValue((from, to), out var example), $"{from} must not use {to}: {example}");
    }

    [Fact]
    public void The_scanner_sees_arrows_that_exist_and_finds_a_cycle_when_there_is_one()
    {
        // The reading above is only worth something if it sees what is there: arrows known to exist (a constructor
        // call inside a method body, a field type, an implemented interface) and a cycle made on purpose.
        var edges = Edges();
        Assert.Contains(("EdgeService.Hosting", "Kws.Detection.Composition"), edges.Keys);
        Assert.Contains(("EdgeService.Gpio", "EdgeService.Leds"), edges.Keys);
        Assert.Contains(("EdgeService.Cli", "EdgeService.Hosting"), edges.Keys);
        Assert.Equal(["A", "B", "C", "A"], TypeDependencies.FindCycle([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")]));
        Assert.Null(TypeDependencies.FindCycle([("A", "B"), ("B", "C"), ("A", "C")]));
    }

    private static Dictionary<(string From, string To), string> Edges()
    {
        var all = new Dictionary<(string, string), string>();
        foreach (var assembly in Ours)
        {
            foreach (var (edge, example) in TypeDependencies.AreaEdges(assembly, t => TypeDependencies.AreaOf(t, Roots)))
            {
                all.TryAdd(edge, example);
            }
        }

        return all;
    }
}
