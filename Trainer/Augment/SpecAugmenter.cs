namespace Trainer.Augment;

/// <summary>SpecAugment masks on a normalised spectrogram (frames x mels): random bands of time and frequency set to zero (the mean).</summary>
internal sealed class SpecAugmenter(AugmentOptions options)
{
    /// <summary>Applies the configured masks in place.</summary>
    public void Apply(Span<float> features, int frames, int mels, Random rng)
    {
        for (var m = 0; m < options.TimeMasks; m++)
        {
            var width = rng.Next(0, options.TimeMaskFrames + 1);
            var start = rng.Next(0, Math.Max(1, frames - width));
            features.Slice(start * mels, Math.Min(width, frames - start) * mels).Clear();
        }

        for (var m = 0; m < options.FrequencyMasks; m++)
        {
            var width = rng.Next(0, options.FrequencyMaskBins + 1);
            var start = rng.Next(0, Math.Max(1, mels - width));
            for (var t = 0; t < frames; t++)
            {
                features.Slice((t * mels) + start, Math.Min(width, mels - start)).Clear();
            }
        }
    }
}
