namespace Trainer.StreamEval;

/// <summary>All false alarms of a stream, by why they are false.</summary>
/// <param name="Total">Every detection that was not a hit.</param>
/// <param name="PerHour">Total per hour of stream.</param>
/// <param name="WrongKeyword">Within a keyword's hit window, but the other keyword.</param>
/// <param name="OtherWord">Within the hit window of a word that is no keyword.</param>
/// <param name="NoWord">Outside every word's hit window (noise, gaps).</param>
/// <param name="Repeat">A second detection of a keyword word already hit.</param>
/// <param name="ByWord">Other-word and wrong-keyword false alarms by the label of the word they fell on ("left→yes": a yes on "left"), most first.</param>
/// <param name="DistinctRecordings">
/// How many different recordings the other-word and wrong-keyword false alarms fell on (a clip placed three times in a
/// stream that fires each time counts once), plus the false alarms on no word: a measure less at the mercy of one odd
/// clip than <see cref="Total"/>.
/// </param>
/// <param name="Events">
/// Each false alarm: when, what, and where it fell relative to the word whose window it is in (kept for the pass with
/// the settings as given; empty for the passes of a sweep).
/// </param>
internal sealed record FalseAlarmCounts(int Total, double PerHour, int WrongKeyword, int OtherWord, int NoWord, int Repeat, IReadOnlyDictionary<string, int> ByWord,
    int DistinctRecordings, IReadOnlyList<FalseAlarmEvent> Events);

/// <summary>One false alarm.</summary>
/// <param name="TimeS">The detection's time on the stream.</param>
/// <param name="Keyword">The keyword detected.</param>
/// <param name="Score">Its smoothed score.</param>
/// <param name="Kind">wrong keyword, other word, no word or repeat.</param>
/// <param name="Word">The label of the word whose hit window it fell in (null for none).</param>
/// <param name="AfterWordStartS">Detection time minus that word's start (null for none).</param>
/// <param name="AfterWordEndS">Detection time minus that word's end: negative while the word is still being spoken (null for none).</param>
/// <param name="File">The clip the word came from (null for none).</param>
internal sealed record FalseAlarmEvent(double TimeS, string Keyword, float Score, string Kind, string? Word, double? AfterWordStartS, double? AfterWordEndS, string? File);
