namespace Trainer.Data;

/// <summary>Clips of one source in one split: per class, and the distinct speakers among them.</summary>
/// <param name="Source">The root folder's name (or <c>extra:NAME</c>, a negatives folder's name, "held-out noise").</param>
/// <param name="Split">The split.</param>
/// <param name="Clips">Clips per class, in <see cref="ClassLabels.All"/> order.</param>
/// <param name="Speakers">Distinct speakers among them.</param>
internal sealed record SourceCount(string Source, DataSplit Split, IReadOnlyList<int> Clips, int Speakers)
{
    /// <summary>One row per source and split, by split and then in the order the sources were read.</summary>
    public static IReadOnlyList<SourceCount> Of(LoadedDataset dataset) =>
        dataset.Clips.GroupBy(c => (Origin: c.Ref.Origin.Length > 0 ? c.Ref.Origin : "(unnamed)", c.Ref.Split))
            .OrderBy(g => g.Key.Split)
            .Select(g => new SourceCount(g.Key.Origin, g.Key.Split,
                [.. ClassLabels.All.Select((_, i) => g.Count(c => c.Ref.ClassIndex == i))],
                g.Select(c => c.Ref.Speaker).Distinct().Count()))
            .ToList();
}
