namespace Trainer.Data;

/// <summary>One clip on disk, before it is read.</summary>
/// <param name="Path">The WAV file.</param>
/// <param name="ClassIndex">Its class (see <see cref="ClassLabels"/>).</param>
/// <param name="Speaker">The speaker id (the hash in Speech Commands file names; the file name when there is none).</param>
/// <param name="Split">Train, validation or test.</param>
/// <param name="Source">Where it came from, for reports: the folder label, e.g. "yes", "left", "other_words".</param>
internal sealed record ClipRef(string Path, int ClassIndex, string Speaker, DataSplit Split, string Source);
