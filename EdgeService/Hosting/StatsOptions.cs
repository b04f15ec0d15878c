
using Kws.Detection.Options;

namespace EdgeService.Hosting;

/// <summary>The periodic stats line (section <c>Stats</c>).</summary>
internal sealed class StatsOptions : ISelfValidatingOptions
{
    /// <summary>The section name in configuration.</summary>
    public const string Section = "Stats";

    /// <summary>Seconds between stats lines; 0 turns them off.</summary>
    public int IntervalS { get; set; } = 60;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate() =>
        IntervalS is < 0 or > 86400 ? [$"Stats:IntervalS is {IntervalS}; it must be between 0 (off) and 86400 s."] : [];
}
