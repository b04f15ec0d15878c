namespace Trainer.Data;

/// <summary>One clip on disk, before it is read.</summary>
/// <param name="Path">The WAV file.</param>
/// <param name="ClassIndex">Its class (see <see cref="ClassLabels"/>).</param>
/// <param name="Speaker">The speaker id (the hash in Speech Commands file names; the file name when there is none).</param>
/// <param name="Split">Train, validation or test.</param>
/// <param name="Source">Where it came from, for reports: the folder label, e.g. "yes", "left", "other_words".</param>
/// <param name="Origin">
/// The data source it was read from, for the counts per source: the name of its root folder
/// ("speech_commands", "mini_speech_commands", "other_words"), "extra:NAME" for an extra training folder.
/// </param>
internal sealed record ClipRef(string Path, int ClassIndex, string Speaker, DataSplit Split, string Source, string Origin = "")
{
    /// <summary>The <see cref="Source"/> prefix of clips from an extra training folder (<c>--extra</c>), e.g. "extra:yes".</summary>
    public const string ExtraPrefix = "extra:";

    /// <summary>Whether the clip comes from an extra training folder (synthetic speech, say) rather than the main data set.</summary>
    public bool FromExtraFolder => Source.StartsWith(ExtraPrefix, StringComparison.Ordinal);
}
