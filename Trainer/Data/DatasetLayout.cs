namespace Trainer.Data;

/// <summary>
/// Where the data is: one or more Speech Commands–layout folders (the roots), their background noise, extra training
/// folders and folders of negatives. Resolved and checked by <see cref="Resolve(IReadOnlyList{string}, string?, IReadOnlyList{string}, IReadOnlyList{string})"/>
/// with clear messages. Every root is split by the same speaker hash, so a speaker found in two roots is in one split.
/// </summary>
internal sealed record DatasetLayout
{
    /// <summary>
    /// The folders of the shared data that are in the Speech Commands layout, in the order they are read when a
    /// folder holding them is given: the Speech Commands test-split half, TensorFlow's mini_speech_commands, and three
    /// more words of Speech Commands v0.01.
    /// </summary>
    public static IReadOnlyList<string> KnownRoots { get; } = ["speech_commands", "mini_speech_commands", "more_words"];

    /// <summary>The folders of label folders (<c>yes/</c>, <c>no/</c>, other words, <c>_silence_/</c>), in reading order.</summary>
    public required IReadOnlyList<string> Roots { get; init; }

    /// <summary>The folder of long background-noise recordings, or null when there is none.</summary>
    public string? Noise { get; init; }

    /// <summary>Extra folders in the same layout whose clips go to training only (e.g. synthetic speech).</summary>
    public IReadOnlyList<string> ExtraTraining { get; init; } = [];

    /// <summary>Extra folders of negatives (every WAV below them is unknown); split by file like any speaker.</summary>
    public IReadOnlyList<string> Negatives { get; init; } = [];

    /// <summary>The roots as one phrase for messages ("speech_commands, more_words in /data").</summary>
    public string DescribeRoots()
    {
        var parents = Roots.Select(r => Path.GetDirectoryName(Path.GetFullPath(r))).Distinct().ToList();
        return parents.Count == 1
            ? $"{string.Join(", ", Roots.Select(r => Path.GetFileName(Path.GetFullPath(r))))} in {parents[0]}"
            : string.Join(", ", Roots);
    }

    /// <summary>One folder: see <see cref="Resolve(IReadOnlyList{string}, string?, IReadOnlyList{string}, IReadOnlyList{string})"/>.</summary>
    public static DatasetLayout Resolve(string data, string? noise, IReadOnlyList<string> extra, IReadOnlyList<string> negatives) =>
        Resolve([data], noise, extra, negatives);

    /// <summary>
    /// Accepts, for each of <paramref name="data"/>, either a Speech Commands–layout folder or a folder holding the
    /// shared data's layout folders (<see cref="KnownRoots"/>: every one of them that is there is read), with
    /// <c>_background_noise_/</c> in or beside it. Throws <see cref="DataException"/> when a folder is missing, when
    /// a folder is given twice, or when no root holds yes clips or no root holds no clips.
    /// </summary>
    public static DatasetLayout Resolve(IReadOnlyList<string> data, string? noise, IReadOnlyList<string> extra, IReadOnlyList<string> negatives)
    {
        if (data.Count == 0)
        {
            throw new DataException("no data folder given");
        }

        var roots = new List<string>();
        foreach (var folder in data)
        {
            if (!Directory.Exists(folder))
            {
                throw new DataException($"data folder '{folder}' does not exist");
            }

            var known = KnownRoots.Select(k => Path.Combine(folder, k)).Where(Directory.Exists).ToList();
            foreach (var root in known.Count > 0 ? known : [folder])
            {
                if (roots.Any(r => Path.GetFullPath(r) == Path.GetFullPath(root)))
                {
                    throw new DataException($"data folder '{root}' is given twice");
                }

                roots.Add(root);
            }

            noise ??= new[] { Path.Combine(folder, "_background_noise_"), Path.Combine(Path.GetDirectoryName(Path.GetFullPath(folder)) ?? folder, "_background_noise_") }
                .Concat(known.Select(k => Path.Combine(k, "_background_noise_")))
                .FirstOrDefault(Directory.Exists);
        }

        foreach (var label in new[] { "yes", "no" })
        {
            if (!roots.Any(r => Directory.Exists(Path.Combine(r, label)) && Directory.EnumerateFiles(Path.Combine(r, label), "*.wav").Any()))
            {
                var where = roots.Count == 1 ? $"data folder '{roots[0]}'" : $"none of the data folders ({string.Join(", ", roots)})";
                throw new DataException($"{where} has no '{label}' clips (expected {Path.Combine(roots[0], label)}/*.wav in the Speech Commands layout)");
            }
        }

        foreach (var dir in extra.Concat(negatives).Append(noise).OfType<string>())
        {
            if (!Directory.Exists(dir))
            {
                throw new DataException($"folder '{dir}' does not exist");
            }
        }

        return new DatasetLayout { Roots = roots, Noise = noise, ExtraTraining = extra, Negatives = negatives };
    }
}
