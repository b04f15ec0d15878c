namespace Trainer.StreamEval;

/// <summary>All false alarms of a stream, by why they are false.</summary>
/// <param name="Total">Every detection that was not a hit.</param>
/// <param name="PerHour">Total per hour of stream.</param>
/// <param name="WrongKeyword">Within a keyword's hit window, but the other keyword.</param>
/// <param name="OtherWord">Within the hit window of a word that is no keyword.</param>
/// <param name="NoWord">Outside every word's hit window (noise, gaps).</param>
/// <param name="Repeat">A second detection of a keyword word already hit.</param>
/// <param name="ByWord">Other-word and wrong-keyword false alarms by the label of the word they fell on ("left→yes": a yes on "left"), most first.</param>
internal sealed record FalseAlarmCounts(int Total, double PerHour, int WrongKeyword, int OtherWord, int NoWord, int Repeat, IReadOnlyDictionary<string, int> ByWord);
