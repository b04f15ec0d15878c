using Kws.Audio.Clips;

namespace Trainer.StreamEval;

/// <summary>How a test stream is laid out: its length, the share of keywords, the gaps, the speech level.</summary>
internal sealed record StreamOptions
{
    /// <summary>Length of the stream in minutes.</summary>
    public double Minutes { get; init; } = 30;

    /// <summary>Seed of the word choice, the gaps and the noise cuts.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Probability that a placed word is a keyword (yes or no, equally likely).</summary>
    public double KeywordShare { get; init; } = 1.0 / 3;

    /// <summary>Shortest gap from the end of one word to the start of the next, in seconds (above the 1 s hit window).</summary>
    public double GapMinS { get; init; } = 1.3;

    /// <summary>Longest gap from the end of one word to the start of the next, in seconds.</summary>
    public double GapMaxS { get; init; } = 2.3;

    /// <summary>
    /// Fewest words in a sentence: words of one sentence follow each other with only <see cref="WordGapMinS"/> to
    /// <see cref="WordGapMaxS"/> between them (running speech: words run together), sentences with
    /// <see cref="GapMinS"/> to <see cref="GapMaxS"/>. 1 (with <see cref="SentenceWordsMax"/> 1): one word at a time.
    /// </summary>
    public int SentenceWordsMin { get; init; } = 1;

    /// <summary>Most words in a sentence (drawn uniformly from <see cref="SentenceWordsMin"/> to this).</summary>
    public int SentenceWordsMax { get; init; } = 1;

    /// <summary>Shortest pause between two words of a sentence, in seconds (from the end of one word's extent to the start of the next).</summary>
    public double WordGapMinS { get; init; }

    /// <summary>Longest pause between two words of a sentence, in seconds.</summary>
    public double WordGapMaxS { get; init; } = 0.12;

    /// <summary>Whether words come in sentences of more than one.</summary>
    public bool Sentences => SentenceWordsMax > 1;

    /// <summary>Noise only before the first word, in seconds (the pipeline's window and gate settle).</summary>
    public double LeadInS { get; init; } = 2;

    /// <summary>Every word is scaled to this RMS over its extent, in dBFS (lowered where the clip would clip).</summary>
    public double SpeechLevelDbfs { get; init; } = -20;

    /// <summary>Word extent threshold below the clip's loudest frame, in dB (see <see cref="WordExtent"/>).</summary>
    public double ExtentThresholdDb { get; init; } = WordExtent.DefaultThresholdDb;

    /// <summary>The stream's length in samples.</summary>
    public long Samples => (long)Math.Round(Minutes * 60 * StreamBuilder.SampleRateHz);
}
