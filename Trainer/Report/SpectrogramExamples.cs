using Trainer.Data;
using Trainer.Training;

namespace Trainer.Report;

/// <summary>Picks one validation clip of each class and computes its (normalised) spectrogram for the report.</summary>
internal static class SpectrogramExamples
{
    public static IReadOnlyList<HtmlReport.SpectrogramExample> Pick(LoadedDataset dataset, Featurizer featurizer, TrainOptions options)
    {
        var examples = new List<HtmlReport.SpectrogramExample>();
        for (var c = 0; c < ClassLabels.All.Count; c++)
        {
            var clip = dataset.In(DataSplit.Validation).FirstOrDefault(x => x.Ref.ClassIndex == c)
                ?? dataset.Clips.FirstOrDefault(x => x.Ref.ClassIndex == c);
            if (clip is null)
            {
                continue;
            }

            var features = new float[featurizer.ExampleSize];
            featurizer.Featurize(new Example(clip, c), features);
            examples.Add(new HtmlReport.SpectrogramExample(ClassLabels.All[c], clip.Ref.Path, features, options.Frames, options.FrontEnd.MelBins));
        }

        return examples;
    }
}
