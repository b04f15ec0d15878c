using Kws.Audio.Features;
using Trainer.Data;
using Trainer.Engine;

namespace Trainer.Training;

/// <summary>Measures the feature normalisation (mean and standard deviation of every log-mel value) on un-augmented training clips.</summary>
internal static class NormalizationMeasurer
{
    public static FeatureNormalization Measure(IReadOnlyList<Clip> clips, Featurizer featurizer, SampleShape shape)
    {
        featurizer.Normalization = FeatureNormalization.Identity;
        const int Batch = 64;
        var batch = new Tensor(Batch, shape);
        double sum = 0, sumSquares = 0;
        long count = 0;
        for (var start = 0; start < clips.Count; start += Batch)
        {
            var chunk = clips.Skip(start).Take(Batch).Select(c => new Example(c, c.Ref.ClassIndex)).ToList();
            featurizer.Fill(batch, chunk, augment: false, seed: 0);
            foreach (var v in batch.Span)
            {
                sum += v;
                sumSquares += (double)v * v;
            }

            count += batch.Length;
        }

        var mean = sum / count;
        var std = Math.Sqrt(Math.Max((sumSquares / count) - (mean * mean), 1e-12));
        return new FeatureNormalization((float)mean, (float)std);
    }
}
