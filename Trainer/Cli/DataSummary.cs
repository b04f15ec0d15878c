using Trainer.Data;

namespace Trainer.Cli;

/// <summary>Lines that describe a loaded dataset: clips and speakers per split and class.</summary>
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
}
