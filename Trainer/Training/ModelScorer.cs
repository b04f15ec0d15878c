using Trainer.Data;
using Trainer.Engine;
using Trainer.Engine.Models;
using Trainer.Evaluation;

namespace Trainer.Training;

/// <summary>
/// Runs engine models in eval mode over clips and returns their class probabilities: each model's softmax of its
/// logits (for a model trained with word classes, collapsed to the four output classes as in the exported file), and
/// for several models (an ensemble) their mean, as the exported ensemble computes it.
/// </summary>
internal sealed class ModelScorer
{
    private readonly IReadOnlyList<Sequential> _models;
    private readonly Featurizer _featurizer;
    private readonly int _batchSize;

    /// <summary>Scores with one model.</summary>
    public ModelScorer(Sequential model, Featurizer featurizer, int batchSize)
        : this([model], featurizer, batchSize)
    {
    }

    /// <summary>Scores with the mean of <paramref name="models"/>, which must take the same input.</summary>
    public ModelScorer(IReadOnlyList<Sequential> models, Featurizer featurizer, int batchSize)
    {
        if (models.Count == 0 || models.Any(m => m.InputShape != models[0].InputShape))
        {
            throw new ArgumentException("the models to score with must be at least one, all with the same input shape", nameof(models));
        }

        _models = models;
        _featurizer = featurizer;
        _batchSize = batchSize;
    }

    /// <summary>Scores every clip; also returns the mean cross-entropy loss of the (mean) probabilities.</summary>
    public (IReadOnlyList<ScoredClip> Scored, double Loss) Score(IReadOnlyList<Clip> clips)
    {
        var modes = _models.Select(m => m.Training).ToList();
        foreach (var m in _models)
        {
            m.Eval();
        }

        var batch = new Tensor(_batchSize, _models[0].InputShape);
        var scored = new List<ScoredClip>(clips.Count);
        double totalLoss = 0;
        var sums = new float[_batchSize][];
        for (var start = 0; start < clips.Count; start += _batchSize)
        {
            var chunk = clips.Skip(start).Take(_batchSize).Select(c => new Example(c, c.Ref.ClassIndex)).ToList();
            _featurizer.Fill(batch, chunk, augment: false, seed: 0);
            for (var i = 0; i < chunk.Count; i++)
            {
                sums[i] = new float[ClassLabels.All.Count];
            }

            foreach (var model in _models)
            {
                var logits = model.Forward(batch);
                for (var i = 0; i < chunk.Count; i++)
                {
                    var probabilities = Softmax(logits.Example(i));
                    if (probabilities.Length > ClassLabels.All.Count)
                    {
                        probabilities = WordClasses.Collapse(probabilities);
                    }

                    System.Numerics.Tensors.TensorPrimitives.Add(sums[i], probabilities, sums[i]);
                }
            }

            for (var i = 0; i < chunk.Count; i++)
            {
                var mean = sums[i];
                System.Numerics.Tensors.TensorPrimitives.Divide(mean, _models.Count, mean);
                totalLoss -= Math.Log(Math.Max(mean[chunk[i].ClassIndex], 1e-12));
                scored.Add(new ScoredClip(chunk[i].ClassIndex, mean, chunk[i].Clip!.Ref.Path));
            }
        }

        for (var k = 0; k < _models.Count; k++)
        {
            _models[k].Training = modes[k];
        }

        return (scored, clips.Count == 0 ? double.NaN : totalLoss / clips.Count);
    }

    /// <summary>Softmax of <paramref name="logits"/>, computed stably.</summary>
    public static float[] Softmax(ReadOnlySpan<float> logits)
    {
        var p = new float[logits.Length];
        System.Numerics.Tensors.TensorPrimitives.SoftMax(logits, p);
        return p;
    }
}
