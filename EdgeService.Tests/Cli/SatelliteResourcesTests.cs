using System.Text.Json;

namespace EdgeService.Tests.Cli;

/// <summary>
/// The programs ship the packages' English resources only: with invariant globalization (the scripts set it) every
/// other language's satellite resource was a NETSDK1188 warning, 377 of them, while the README says warnings are
/// errors. The build's dependency file lists what it ships.
/// </summary>
public sealed class SatelliteResourcesTests
{
    [Fact]
    public void No_satellite_resources_of_other_languages_are_shipped()
    {
        var depsFile = Path.Combine(AppContext.BaseDirectory, "EdgeService.Tests.deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        var cultures = deps.RootElement.GetProperty("targets").EnumerateObject()
            .SelectMany(target => target.Value.EnumerateObject())
            .Where(library => library.Value.TryGetProperty("resources", out _))
            .SelectMany(library => library.Value.GetProperty("resources").EnumerateObject()
                .Select(r => $"{library.Name}: {r.Name} ({r.Value.GetProperty("locale").GetString()})"))
            .Where(r => !r.EndsWith("(en)", StringComparison.Ordinal))
            .ToList();
        Assert.True(cultures.Count == 0, $"{cultures.Count} satellite resources, e.g. {string.Join("; ", cultures.Take(3))}");
    }
}
