using Trainer.Data;
using Trainer.Training;

namespace Trainer.StreamEval;

/// <summary>
/// The clips a test stream is made of: the keyword and other-word clips of one split's speakers (split by speaker
/// hash with the trainer's defaults, so the speakers are held out from training), and the background noise.
/// </summary>
/// <param name="Keywords">yes/no clips of the split.</param>
/// <param name="Others">Every other word of the split (unknown words and negatives); no silence clips.</param>
/// <param name="Noise">Background-noise recordings, 16 kHz mono.</param>
/// <param name="Speakers">Distinct speakers (or negative files) among the clips.</param>
/// <param name="Skipped">Files that could not be read, with the problem.</param>
/// <param name="Folder">The Speech Commands–layout folder.</param>
/// <param name="NoiseFolder">The noise folder, if any.</param>
internal sealed record StreamData(IReadOnlyList<Clip> Keywords, IReadOnlyList<Clip> Others, IReadOnlyList<float[]> Noise, int Speakers,
    IReadOnlyList<string> Skipped, string Folder, string? NoiseFolder)
{
    /// <summary>
    /// Reads the clips of <paramref name="split"/> and the noise (only the split's part of each recording with
    /// <paramref name="holdOutNoise"/>, see <see cref="HeldOutNoise"/>); throws <see cref="DataException"/> when a part is missing.
    /// </summary>
    public static StreamData Load(IReadOnlyList<string> data, string? noise, IReadOnlyList<string> negatives, DataSplit split, bool holdOutNoise = false)
    {
        var layout = DatasetLayout.Resolve(data, noise, [], negatives);
        var defaults = new TrainOptions();
        var refs = DatasetScanner.Scan(layout, new SpeakerSplitter(defaults.ValidationPercent, defaults.TestPercent))
            .Where(r => r.Split == split && r.ClassIndex != ClassLabels.Silence).ToList();
        var dataset = LoadedDataset.Load(refs, layout);
        var keywords = dataset.Clips.Where(c => c.Ref.ClassIndex is ClassLabels.Yes or ClassLabels.No).ToList();
        var others = dataset.Clips.Where(c => c.Ref.ClassIndex == ClassLabels.Unknown).ToList();
        if (keywords.Count == 0)
        {
            throw new DataException($"the {split} speakers of {layout.DescribeRoots()} have no readable yes/no clips");
        }

        if (others.Count == 0)
        {
            throw new DataException($"the {split} speakers of {layout.DescribeRoots()} have no readable clips of other words");
        }

        var noiseParts = holdOutNoise
            ? dataset.Noise.Select(n => HeldOutNoise.Portion(n, split, defaults.ValidationPercent, defaults.TestPercent)).ToList()
            : dataset.Noise;
        return new StreamData(keywords, others, noiseParts, dataset.Clips.Select(c => c.Ref.Speaker).Distinct().Count(),
            dataset.Skipped, string.Join(", ", layout.Roots.Select(Path.GetFullPath)), layout.Noise is null ? null : Path.GetFullPath(layout.Noise));
    }
}
