namespace Trainer.Data;

/// <summary>
/// Lists the clips of a <see cref="DatasetLayout"/> with their class, speaker, split and origin. A root's own
/// <c>validation_list.txt</c> and <c>testing_list.txt</c> decide the split of its clips when present; otherwise the
/// speaker hash does, the same for every root, so a speaker found in two roots is in one split. Extra training folders
/// go to training only; negatives are split by file.
/// </summary>
internal static class DatasetScanner
{
    public static IReadOnlyList<ClipRef> Scan(DatasetLayout layout, SpeakerSplitter splitter)
    {
        var clips = new List<ClipRef>();
        foreach (var root in layout.Roots)
        {
            var lists = ReadLists(root);
            var origin = NameOf(root);
            foreach (var dir in LabelFolders(root))
            {
                var label = Path.GetFileName(dir);
                foreach (var file in Directory.EnumerateFiles(dir, "*.wav").Order(StringComparer.Ordinal))
                {
                    var speaker = SpeakerSplitter.SpeakerOf(file);
                    var relative = $"{label}/{Path.GetFileName(file)}";
                    var split = lists is null ? splitter.SplitOf(speaker)
                        : lists.Value.Validation.Contains(relative) ? DataSplit.Validation
                        : lists.Value.Test.Contains(relative) ? DataSplit.Test
                        : DataSplit.Train;
                    clips.Add(new ClipRef(file, ClassLabels.FromFolder(label), speaker, split, label, origin));
                }
            }
        }

        foreach (var extra in layout.ExtraTraining)
        {
            var origin = $"{ClipRef.ExtraPrefix}{NameOf(extra)}";
            foreach (var dir in LabelFolders(extra))
            {
                var label = Path.GetFileName(dir);
                foreach (var file in Directory.EnumerateFiles(dir, "*.wav").Order(StringComparer.Ordinal))
                {
                    clips.Add(new ClipRef(file, ClassLabels.FromFolder(label), SpeakerSplitter.SpeakerOf(file), DataSplit.Train, $"{ClipRef.ExtraPrefix}{label}", origin));
                }
            }
        }

        foreach (var negatives in layout.Negatives)
        {
            var source = NameOf(negatives);
            foreach (var file in Directory.EnumerateFiles(negatives, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var speaker = SpeakerSplitter.SpeakerOf(file);
                clips.Add(new ClipRef(file, ClassLabels.Unknown, speaker, splitter.SplitOf(speaker), source, source));
            }
        }

        return clips;
    }

    private static string NameOf(string folder) => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));

    private static IEnumerable<string> LabelFolders(string root) =>
        Directory.EnumerateDirectories(root)
            .Where(d => !Path.GetFileName(d).Equals("_background_noise_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static (HashSet<string> Validation, HashSet<string> Test)? ReadLists(string root)
    {
        var validation = Path.Combine(root, "validation_list.txt");
        var test = Path.Combine(root, "testing_list.txt");
        if (!File.Exists(validation) && !File.Exists(test))
        {
            return null;
        }

        static HashSet<string> Read(string path) => File.Exists(path)
            ? File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal)
            : [];
        return (Read(validation), Read(test));
    }
}
