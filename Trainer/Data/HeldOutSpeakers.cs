namespace Trainer.Data;

/// <summary>
/// Keeps the held-out speakers out of training. A clip of an extra training folder (<c>--extra</c>) whose speaker id
/// is a validation or test speaker of the main data set is left out: the same person would otherwise be trained on
/// and measured on (more Speech Commands recordings given as <c>--extra</c> would do that). Speaker ids are the
/// hashes in the file names, so only exact ids match; synthetic speakers, whose ids are made up, are kept.
/// </summary>
internal static class HeldOutSpeakers
{
    /// <summary>Drops the extra-folder clips of held-out speakers.</summary>
    /// <param name="refs">The scanned clips (<see cref="DatasetScanner.Scan"/>).</param>
    /// <param name="excluded">The clips left out, in scan order.</param>
    /// <returns>The clips to use.</returns>
    public static IReadOnlyList<ClipRef> ExcludeFromExtra(IReadOnlyList<ClipRef> refs, out IReadOnlyList<ClipRef> excluded)
    {
        ArgumentNullException.ThrowIfNull(refs);
        var heldOut = refs.Where(c => !c.FromExtraFolder && c.Split != DataSplit.Train).Select(c => c.Speaker).ToHashSet(StringComparer.Ordinal);
        excluded = [.. refs.Where(c => c.FromExtraFolder && heldOut.Contains(c.Speaker))];
        if (excluded.Count == 0)
        {
            return refs;
        }

        var drop = excluded.ToHashSet();
        return [.. refs.Where(c => !drop.Contains(c))];
    }
}
