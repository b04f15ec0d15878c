namespace Trainer.StreamEval;

/// <summary>
/// A test stream before noise: the words alone (zeros between them), where they are, and a noise track of the same
/// length at unit power. <see cref="SnrMixer"/> turns it into the stream at a given SNR.
/// </summary>
/// <param name="Speech">The words at their places, silence between.</param>
/// <param name="Noise">Background noise for the whole stream, mean power 1 (empty when no noise was given).</param>
/// <param name="Words">The placed words in time order.</param>
internal sealed record CleanStream(float[] Speech, float[] Noise, IReadOnlyList<PlacedWord> Words)
{
    /// <summary>The stream's length in seconds.</summary>
    public double DurationS => Speech.Length / (double)StreamBuilder.SampleRateHz;
}
