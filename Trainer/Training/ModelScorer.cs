using Trainer.Data;
using Trainer.Engine;
using Trainer.Engine.Losses;
using Trainer.Engine.Models;
using Trainer.Evaluation;

namespace Trainer.Training;

/// <summary>
/// Runs the engine model in eval mode over clips and returns their class probabilities (softmax of the logits; for a
/// model trained with word classes, collapsed to the four output classes as in the exported file).
/// </summary>
internal sealed class ModelScorer(Sequential model, Featurizer featurizer, int batchSize)
{
    /// <summary>Scores every clip; also returns the mean cross-entropy loss.</summary>
    public (IReadOnlyList<ScoredClip> Scored, double Loss) Score(IReadOnlyList<Clip> clips)
    {
        var wasTraining = model.Training;
        model.Eval();
        var batch = new Tensor(batchSize, model.InputShape);
        var loss = new SoftmaxCrossEntropy(model.OutputShape.Size);
        var collapse = model.OutputShape.Size > ClassLabels.All.Count;
        var scored = new List<ScoredClip>(clips.Count);
        double totalLoss = 0;
        var labels = new int[batchSize];
        for (var start = 0; start < clips.Count; start += batchSize)
        {
            var chunk = clips.Skip(start).Take(batchSize).Select(c => new Example(c, c.Ref.ClassIndex)).ToList();
            featurizer.Fill(batch, chunk, augment: false, seed: 0);
            for (var i = 0; i < chunk.Count; i++)
            {
                labels[i] = chunk[i].ClassIndex;
            }

            var logits = model.Forward(batch);
            if (!collapse)
            {
                totalLoss += loss.Compute(logits, labels.AsSpan(0, chunk.Count), null) * chunk.Count;
            }

            for (var i = 0; i < chunk.Count; i++)
            {
                var probabilities = Softmax(logits.Example(i));
                if (collapse)
                {
                    probabilities = WordClasses.Collapse(probabilities);
                    totalLoss -= Math.Log(Math.Max(probabilities[labels[i]], 1e-12));
                }

                scored.Add(new ScoredClip(chunk[i].ClassIndex, probabilities, chunk[i].Clip!.Ref.Path));
            }
        }

        model.Training = wasTraining;
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
