namespace Trainer.StreamEval;

/// <summary>One word placed in a test stream, with the extent of the word itself (not of its clip).</summary>
/// <param name="Label">The clip's folder label, e.g. "yes", "left", "computer".</param>
/// <param name="Keyword">The keyword the word is ("yes", "no"), or null for any other word.</param>
/// <param name="File">The clip it came from.</param>
/// <param name="Start">First sample of the word in the stream.</param>
/// <param name="End">Sample after the word's last one.</param>
internal sealed record PlacedWord(string Label, string? Keyword, string File, long Start, long End)
{
    /// <summary>The word's start, in seconds.</summary>
    public double StartS => Start / (double)StreamBuilder.SampleRateHz;

    /// <summary>The word's end, in seconds.</summary>
    public double EndS => End / (double)StreamBuilder.SampleRateHz;
}
