using Trainer.Data;

namespace Trainer.Training;

/// <summary>
/// Decides the examples of each epoch: every keyword clip once, a fresh random draw of unknown clips
/// (UnknownShare times the mean keyword class size) and of silence (SilenceShare times it; half real silence clips,
/// half cuts of background noise), shuffled. The draws depend only on the seed and the epoch.
/// </summary>
internal sealed class EpochPlanner(IReadOnlyList<Clip> training, TrainOptions options)
{
    private readonly Clip[] _keywords = training.Where(c => c.Ref.ClassIndex is ClassLabels.Yes or ClassLabels.No).ToArray();
    private readonly Clip[] _unknown = training.Where(c => c.Ref.ClassIndex == ClassLabels.Unknown).ToArray();
    private readonly Clip[] _silence = training.Where(c => c.Ref.ClassIndex == ClassLabels.Silence).ToArray();

    /// <summary>The shuffled examples of epoch <paramref name="epoch"/>.</summary>
    public Example[] Plan(int epoch)
    {
        var rng = new Random(HashCode.Combine(options.Seed, epoch, 0x5eed));
        var perKeyword = _keywords.Length / 2.0;
        var examples = _keywords.Select(c => new Example(c, c.Ref.ClassIndex)).ToList();
        var unknown = (int)Math.Round(perKeyword * options.UnknownShare);
        for (var i = 0; i < unknown && _unknown.Length > 0; i++)
        {
            examples.Add(new Example(_unknown[rng.Next(_unknown.Length)], ClassLabels.Unknown));
        }

        var silence = (int)Math.Round(perKeyword * options.SilenceShare);
        for (var i = 0; i < silence; i++)
        {
            var real = _silence.Length > 0 && (i % 2 == 0);
            examples.Add(new Example(real ? _silence[rng.Next(_silence.Length)] : null, ClassLabels.Silence));
        }

        var array = examples.ToArray();
        rng.Shuffle(array);
        return array;
    }

    /// <summary>Examples per epoch.</summary>
    public int ExamplesPerEpoch => Plan(0).Length;
}
