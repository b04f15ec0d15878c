namespace Trainer.Augment;

/// <summary>Waveform and spectrogram augmentation settings for training (validation and test are never augmented).</summary>
internal sealed record AugmentOptions
{
    /// <summary>Largest random shift of the audio towards the start of the clip, in ms (zeros fill the gap).</summary>
    public double ShiftEarlyMs { get; init; } = 100;

    /// <summary>
    /// Largest random shift towards the end of the clip, in ms. Larger than the early shift on purpose: the service
    /// looks at the last second of audio, so a word that has just ended sits in the later part of the window; a model
    /// that knows words there fires sooner after the word ends.
    /// </summary>
    public double ShiftLateMs { get; init; } = 250;

    /// <summary>
    /// Speed perturbation: the clip is played back at a random speed up to this many percent faster or slower (tempo
    /// and pitch change together, as in Kaldi's speed perturbation), so each real speaker stands for a few more.
    /// 0 = off.
    /// </summary>
    public double SpeedPercent { get; init; } = 10;

    /// <summary>
    /// Share of <c>_unknown_</c> examples, in percent, whose word is moved so far that the window holds only its
    /// beginning or its end (<see cref="PartialKeepMin"/> to <see cref="PartialKeepMax"/> of it, cut at the window's
    /// edge): the partial words the service sees while a word slides through its window ("sno" of "snowboy", "yes" of
    /// "yesterday"), which must not fire. 0 = off. Keyword examples are never cut this way.
    /// </summary>
    public double PartialWordPercent { get; init; }

    /// <summary>
    /// Share of <c>_unknown_</c> examples, in percent, that are two other words run together (0 to 100 ms apart), cut
    /// like a partial word so that the window holds the end of one and the beginning of the other: two words run
    /// together must not fire ("go" + "sick" is not "no"). Their target is plain <c>_unknown_</c>. 0 = off.
    /// </summary>
    public double RunTogetherPercent { get; init; }

    /// <summary>
    /// Share of keyword examples, in percent, with another word run together with them (0 to 100 ms before or after;
    /// the keyword stays whole): in running speech a keyword comes between other words. 0 = off.
    /// </summary>
    public double KeywordContextPercent { get; init; }

    /// <summary>Longest pause between two words run together, in ms.</summary>
    public double RunTogetherGapMs { get; init; } = 100;

    /// <summary>Smallest part of the word a partial-word example keeps (0..1, of the word's active span).</summary>
    public double PartialKeepMin { get; init; } = 0.2;

    /// <summary>Largest part of the word a partial-word example keeps (0..1, of the word's active span).</summary>
    public double PartialKeepMax { get; init; } = 0.7;

    /// <summary>Probability that background noise is mixed into a speech clip.</summary>
    public double NoiseProbability { get; init; } = 0.8;

    /// <summary>Lowest signal-to-noise ratio of the mixed noise, in dB (measured on the clip's active frames).</summary>
    public double SnrMinDb { get; init; } = 0;

    /// <summary>Highest signal-to-noise ratio of the mixed noise, in dB.</summary>
    public double SnrMaxDb { get; init; } = 20;

    /// <summary>
    /// Largest random gain either way, in dB. 12 by default: at 6 the model missed speech 20 dB below the training
    /// clips' level, at 20 it had more false alarms at equal level (models/previous/MODEL_CARD-2026-11.md, "Input level").
    /// </summary>
    public double GainDb { get; init; } = 12;

    /// <summary>SpecAugment: how many time masks per example (0 = off).</summary>
    public int TimeMasks { get; init; }

    /// <summary>SpecAugment: the longest time mask, in frames.</summary>
    public int TimeMaskFrames { get; init; } = 10;

    /// <summary>SpecAugment: how many frequency masks per example (0 = off).</summary>
    public int FrequencyMasks { get; init; }

    /// <summary>SpecAugment: the widest frequency mask, in mel bins.</summary>
    public int FrequencyMaskBins { get; init; } = 5;

    /// <summary>No augmentation at all.</summary>
    public static AugmentOptions None { get; } = new() { ShiftEarlyMs = 0, ShiftLateMs = 0, SpeedPercent = 0, NoiseProbability = 0, GainDb = 0 };
}
