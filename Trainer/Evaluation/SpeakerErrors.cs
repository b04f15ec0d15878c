using Trainer.Data;

namespace Trainer.Evaluation;

/// <summary>
/// One speaker's errors on the clips: keyword clips missed (taken for another class) and other clips taken for a
/// keyword. Misses cluster by speaker; this shows how many people the errors come from.
/// </summary>
/// <param name="Speaker">The speaker id (the hash in the file names).</param>
/// <param name="Clips">The speaker's clips.</param>
/// <param name="KeywordClips">The speaker's yes/no clips.</param>
/// <param name="KeywordsMissed">Of those, the ones predicted as another class.</param>
/// <param name="NegativesTaken">The speaker's other clips predicted as a keyword.</param>
internal sealed record SpeakerErrors(string Speaker, int Clips, int KeywordClips, int KeywordsMissed, int NegativesTaken)
{
    /// <summary>Every speaker with at least one error, most errors first (then by id).</summary>
    public static IReadOnlyList<SpeakerErrors> Of(IReadOnlyList<ScoredClip> clips, IReadOnlyList<string> labels)
    {
        var isKeyword = labels.Select(l => !l.StartsWith('_')).ToArray();
        return clips.GroupBy(c => SpeakerSplitter.SpeakerOf(c.Path), StringComparer.Ordinal)
            .Select(g => new SpeakerErrors(g.Key, g.Count(), g.Count(c => isKeyword[c.Truth]),
                g.Count(c => isKeyword[c.Truth] && c.Predicted != c.Truth), g.Count(c => !isKeyword[c.Truth] && isKeyword[c.Predicted])))
            .Where(s => s.KeywordsMissed + s.NegativesTaken > 0)
            .OrderByDescending(s => s.KeywordsMissed + s.NegativesTaken)
            .ThenBy(s => s.Speaker, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One line: how many speakers the misses and false accepts come from, and the worst few.</summary>
    public static string Describe(IReadOnlyList<SpeakerErrors> errors, int keywordSpeakers)
    {
        var missers = errors.Where(e => e.KeywordsMissed > 0).ToList();
        var worst = string.Join(", ", missers.OrderByDescending(e => e.KeywordsMissed).ThenBy(e => e.Speaker, StringComparer.Ordinal).Take(5)
            .Select(e => $"{e.Speaker} {e.KeywordsMissed}/{e.KeywordClips}"));
        return $"keyword clips missed: {missers.Sum(e => e.KeywordsMissed)} from {missers.Count} of {keywordSpeakers} speakers with keyword clips" +
               (missers.Count > 0 ? $" (most: {worst})" : "") +
               $"; other clips taken for a keyword: {errors.Sum(e => e.NegativesTaken)} from {errors.Count(e => e.NegativesTaken > 0)} speakers";
    }
}
