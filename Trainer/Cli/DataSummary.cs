using Trainer.Data;

namespace Trainer.Cli;

/// <summary>
/// Lines that describe a loaded dataset: clips and speakers per split and class, and (<see cref="SourceTable"/>) the
/// clips per source, split and class, so that a reader sees where every split's figures come from.
/// </summary>
internal static class DataSummary
{
    public static IReadOnlyList<string> Describe(LoadedDataset dataset)
    {
        var lines = new List<string>();
        foreach (var split in Enum.GetValues<DataSplit>())
        {
            var clips = dataset.In(split).ToList();
            var perClass = ClassLabels.All.Select((label, i) => $"{label} {clips.Count(c => c.Ref.ClassIndex == i)}");
            var speakers = clips.Select(c => c.Ref.Speaker).Distinct().Count();
            lines.Add($"{split}: {clips.Count} clips ({string.Join(", ", perClass)}), {speakers} speakers");
        }

        lines.Add($"background noise: {dataset.Noise.Count} recordings, {dataset.Noise.Sum(n => n.Length) / 16000.0:F0} s; unreadable files skipped: {dataset.Skipped.Count}");
        return lines;
    }

    /// <summary>The per-source counts as a text table (a header line, then one line per source and split).</summary>
    public static IReadOnlyList<string> SourceTable(IReadOnlyList<SourceCount> counts)
    {
        var lines = new List<string> { $"{"source",-24} {"split",-10} {string.Join(" ", ClassLabels.All.Select(l => $"{l,9}"))} {"speakers",8}" };
        lines.AddRange(counts.Select(row => $"{row.Source,-24} {row.Split,-10} {string.Join(" ", row.Clips.Select(n => $"{n,9}"))} {row.Speakers,8}"));
        return lines;
    }
}
