using Trainer.Data;
using Trainer.Engine;

namespace Trainer.Training;

/// <summary>
/// Decides the examples of each epoch: every keyword clip once (a keyword clip of the main data set
/// <see cref="TrainOptions.RealKeywordRepeat"/> times), a fresh draw of unknown clips (UnknownShare times the
/// mean keyword class size) and of silence (SilenceShare times it; half real silence clips, half cuts of background
/// noise), shuffled. Unknown clips are drawn with weights that follow their recent loss (hard-negative mining): a
/// word the model keeps taking for "no" ("go", say) comes back more often than one it already rejects. The draws
/// depend only on the seed, the epoch and the losses reported so far.
/// </summary>
internal sealed class EpochPlanner
{
    private readonly Clip[] _keywords;
    private readonly Clip[] _unknown;
    private readonly Clip[] _silence;
    private readonly double[] _unknownWeight;
    private readonly Dictionary<Clip, int> _unknownIndex;
    private readonly TrainOptions _options;

    public EpochPlanner(IReadOnlyList<Clip> training, TrainOptions options)
    {
        _options = options;
        if (options.RealKeywordRepeat < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RealKeywordRepeat, "RealKeywordRepeat must be at least 1");
        }

        _keywords = training.Where(c => c.Ref.ClassIndex is ClassLabels.Yes or ClassLabels.No)
            .SelectMany(c => Enumerable.Repeat(c, c.Ref.FromExtraFolder ? 1 : options.RealKeywordRepeat))
            .ToArray();
        _unknown = training.Where(c => c.Ref.ClassIndex == ClassLabels.Unknown).ToArray();
        _silence = training.Where(c => c.Ref.ClassIndex == ClassLabels.Silence).ToArray();
        _unknownWeight = Enumerable.Repeat(1.0, _unknown.Length).ToArray();
        _unknownIndex = new Dictionary<Clip, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < _unknown.Length; i++)
        {
            _unknownIndex[_unknown[i]] = i;
        }
    }

    /// <summary>Examples per epoch.</summary>
    public int ExamplesPerEpoch => _keywords.Length + UnknownCount + SilenceCount;

    private int UnknownCount => _unknown.Length == 0 ? 0 : (int)Math.Round(_keywords.Length / 2.0 * _options.UnknownShare);

    private int SilenceCount => (int)Math.Round(_keywords.Length / 2.0 * _options.SilenceShare);

    /// <summary>The shuffled examples of epoch <paramref name="epoch"/>.</summary>
    public Example[] Plan(int epoch)
    {
        var rng = new Random(Rng.DeriveSeed(_options.Seed, epoch, 0x5eed));
        var examples = _keywords.Select(c => new Example(c, c.Ref.ClassIndex)).ToList();
        var context = _options.Augment.KeywordContextPercent / 100;
        if (context > 0 && _unknown.Length > 0)
        {
            // Drawn only when the option is on, so that runs without it keep their draws.
            for (var i = 0; i < examples.Count; i++)
            {
                if (rng.NextDouble() < context)
                {
                    examples[i] = examples[i] with { Neighbour = _unknown[rng.Next(_unknown.Length)] };
                }
            }
        }

        var cumulative = new double[_unknown.Length];
        var total = 0.0;
        for (var i = 0; i < _unknown.Length; i++)
        {
            total += _unknownWeight[i];
            cumulative[i] = total;
        }

        var runTogether = _options.Augment.RunTogetherPercent / 100;
        for (var i = 0; i < UnknownCount; i++)
        {
            var pick = Array.BinarySearch(cumulative, rng.NextDouble() * total);
            var clip = _unknown[Math.Min(pick < 0 ? ~pick : pick, _unknown.Length - 1)];
            var together = runTogether > 0 && rng.NextDouble() < runTogether;
            examples.Add(new Example(clip, ClassLabels.Unknown, together ? _unknown[rng.Next(_unknown.Length)] : null));
        }

        for (var i = 0; i < SilenceCount; i++)
        {
            var real = _silence.Length > 0 && (i % 2 == 0);
            examples.Add(new Example(real ? _silence[rng.Next(_silence.Length)] : null, ClassLabels.Silence));
        }

        var array = examples.ToArray();
        rng.Shuffle(array);
        return array;
    }

    /// <summary>
    /// Reports the loss of a trained example; an unknown clip's weight becomes a running mean of its losses, kept
    /// between 0.2 and 5 so that no clip disappears or dominates.
    /// </summary>
    public void ReportLoss(Example example, double loss)
    {
        if (example.Clip is { } clip && _unknownIndex.TryGetValue(clip, out var i))
        {
            _unknownWeight[i] = Math.Clamp((0.5 * _unknownWeight[i]) + (0.5 * loss * 4), 0.2, 5);
        }
    }
}
