namespace Trainer.Data;

/// <summary>
/// Where the data is: the Speech Commands–layout folder, its background noise, extra training folders and
/// folders of negatives. Resolved and checked by <see cref="Resolve"/> with clear messages.
/// </summary>
internal sealed record DatasetLayout
{
    /// <summary>The folder of label folders (<c>yes/</c>, <c>no/</c>, other words, <c>_silence_/</c>).</summary>
    public required string SpeechCommands { get; init; }

    /// <summary>The folder of long background-noise recordings, or null when there is none.</summary>
    public string? Noise { get; init; }

    /// <summary>Extra folders in the same layout whose clips go to training only (e.g. synthetic speech).</summary>
    public IReadOnlyList<string> ExtraTraining { get; init; } = [];

    /// <summary>Extra folders of negatives (every WAV below them is unknown); split by file like any speaker.</summary>
    public IReadOnlyList<string> Negatives { get; init; } = [];

    /// <summary>
    /// Accepts either a Speech Commands–layout folder or a folder holding <c>speech_commands/</c> (and then
    /// <c>_background_noise_/</c> and <c>other_words/</c> beside it, as in the shared data). Throws
    /// <see cref="DataException"/> when a folder is missing or holds no yes/no clips.
    /// </summary>
    public static DatasetLayout Resolve(string data, string? noise, IReadOnlyList<string> extra, IReadOnlyList<string> negatives)
    {
        if (!Directory.Exists(data))
        {
            throw new DataException($"data folder '{data}' does not exist");
        }

        var sc = Directory.Exists(Path.Combine(data, "speech_commands")) ? Path.Combine(data, "speech_commands") : data;
        noise ??= new[] { Path.Combine(sc, "_background_noise_"), Path.Combine(data, "_background_noise_") }.FirstOrDefault(Directory.Exists);
        foreach (var label in new[] { "yes", "no" })
        {
            var dir = Path.Combine(sc, label);
            if (!Directory.Exists(dir) || !Directory.EnumerateFiles(dir, "*.wav").Any())
            {
                throw new DataException($"data folder '{sc}' has no '{label}' clips (expected {dir}/*.wav in the Speech Commands layout)");
            }
        }

        foreach (var dir in extra.Concat(negatives).Append(noise).OfType<string>())
        {
            if (!Directory.Exists(dir))
            {
                throw new DataException($"folder '{dir}' does not exist");
            }
        }

        return new DatasetLayout { SpeechCommands = sc, Noise = noise, ExtraTraining = extra, Negatives = negatives };
    }
}
