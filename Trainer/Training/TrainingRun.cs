using Trainer.Data;
using Trainer.Engine;
using Trainer.Engine.Losses;
using Trainer.Engine.Models;
using Trainer.Engine.Optim;
using Trainer.Evaluation;

namespace Trainer.Training;

/// <summary>
/// Trains the DS-CNN: per epoch a planned, shuffled set of augmented examples in mini-batches (AdamW, warm-up and
/// cosine decay, gradient clipping), then a validation pass on held-out speakers. Keeps the weights of the epoch
/// with the lowest validation loss.
/// </summary>
internal sealed class TrainingRun(TrainOptions options, Action<string>? log = null, Action<int, int>? stepProgress = null)
{
    /// <summary>Trains on the train split of <paramref name="data"/>, validating on its validation split.</summary>
    public TrainingResult Run(LoadedDataset data)
    {
        var threads = options.ThreadsUsed();
        var training = data.In(DataSplit.Train).ToList();
        var validation = data.In(DataSplit.Validation).ToList();
        if (!training.Any(c => c.Ref.ClassIndex == ClassLabels.Yes) || !training.Any(c => c.Ref.ClassIndex == ClassLabels.No))
        {
            throw new DataException("the training split has no yes or no clips");
        }

        if (validation.Count == 0)
        {
            // Without it no epoch could be scored, and the weights kept would be none (found only after training).
            throw new DataException("the validation split has no clips: the data needs more speakers (the split is by speaker, about 15% of them validate)");
        }

        var shape = new SampleShape(1, options.Frames, options.FrontEnd.MelBins);
        var featurizer = new Featurizer(options, data.Noise, threads);
        featurizer.Normalization = NormalizationMeasurer.Measure(training, featurizer, shape);
        log?.Invoke($"feature normalisation: {featurizer.Normalization.ToMetadata()}");

        var classes = WordClasses.Count(options.WordClasses);
        var model = ModelFactory.Create(options, classes);
        model.Build(shape, options.BatchSize, threads);
        model.InitializeWeights(options.Seed);
        if (options.WordClasses.Count > 0)
        {
            log?.Invoke($"training classes: {string.Join(", ", ClassLabels.All.Concat(options.WordClasses))} (the words count as _unknown_ in the output)");
        }

        log?.Invoke($"model: {model.ParameterCount} parameters, {ModelCost.MultiplyAdds(model)} multiply-adds per inference");

        var planner = new EpochPlanner(training, options);
        var stepsPerEpoch = (planner.ExamplesPerEpoch + options.BatchSize - 1) / options.BatchSize;
        var totalSteps = stepsPerEpoch * options.Epochs;
        var schedule = new WarmupCosineSchedule(options.LearningRate, Math.Min((int)(options.WarmupEpochs * stepsPerEpoch), totalSteps - 1), totalSteps);
        var optimizer = Adam.AdamW(model.Parameters, options.WeightDecay);
        var loss = new SoftmaxCrossEntropy(classes, labelSmoothing: options.LabelSmoothing);
        var scorer = new ModelScorer(model, featurizer, options.BatchSize);
        var batch = new Tensor(options.BatchSize, shape);
        var gradLogits = new Tensor(options.BatchSize, model.OutputShape);
        var labels = new int[options.BatchSize];
        var history = new List<EpochStats>();
        var best = (Score: double.NegativeInfinity, Epoch: 0, Weights: Array.Empty<byte>());
        var step = 0;

        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var examples = planner.Plan(epoch);
            model.Train();
            double lossSum = 0;
            var correct = 0;
            for (var start = 0; start < examples.Length; start += options.BatchSize)
            {
                var chunk = new ArraySegment<Example>(examples, start, Math.Min(options.BatchSize, examples.Length - start));
                featurizer.Fill(batch, chunk, augment: true, seed: ((long)epoch << 32) + start + options.Seed);
                for (var i = 0; i < chunk.Count; i++)
                {
                    labels[i] = WordClasses.TargetOf(chunk[i], options.WordClasses);
                }

                model.ZeroGrad();
                var logits = model.Forward(batch);
                gradLogits.N = chunk.Count;
                lossSum += loss.Compute(logits, labels.AsSpan(0, chunk.Count), gradLogits) * chunk.Count;
                for (var i = 0; i < chunk.Count; i++)
                {
                    var row = logits.Example(i);
                    correct += SoftmaxCrossEntropy.ArgMax(row) == labels[i] ? 1 : 0;
                    planner.ReportLoss(chunk[i], ExampleLoss(row, labels[i]));
                }

                model.Backward(gradLogits);
                GradientClipping.ClipByGlobalNorm(model.Parameters, 5f);
                optimizer.Step(schedule.At(step++));
                stepProgress?.Invoke(step, totalSteps);
            }

            if (!double.IsFinite(lossSum))
            {
                throw new TrainingDivergedException($"training diverged in epoch {epoch}: the training loss is {lossSum / examples.Length} (try a lower --lr; a WAV holding NaN or infinite samples does this too)");
            }

            var (scored, validationLoss) = scorer.Score(validation);
            var report = EvaluationReport.From("validation", scored, ClassLabels.All);
            var keywordRecall = (report.Recall["yes"] + report.Recall["no"]) / 2;
            var stats = new EpochStats(epoch, lossSum / examples.Length, (double)correct / examples.Length, validationLoss,
                report.Accuracy, keywordRecall, report.NegativesTakenForKeyword, started.Elapsed.TotalSeconds);
            history.Add(stats);
            // Lowest validation loss wins: it rewards calibrated probabilities, from which the operating threshold is
            // chosen afterwards; argmax recall on ~60 validation keywords jumps by several percent between epochs.
            // Or, with KeepLastEpoch, simply the last epoch.
            var score = -validationLoss;
            var mark = "";
            if (options.KeepLastEpoch ? epoch == options.Epochs : score >= best.Score)
            {
                using var weights = new MemoryStream();
                WeightsFile.Save(model, weights);
                best = (score, epoch, weights.ToArray());
                mark = " *";
            }

            log?.Invoke(
                $"epoch {epoch,3}/{options.Epochs}: train loss {stats.TrainLoss:F3} acc {stats.TrainAccuracy:P1} | " +
                $"validation loss {validationLoss:F3} acc {report.Accuracy:P1}, yes/no recall {keywordRecall:P1}, " +
                $"negatives taken for a keyword {report.NegativesTakenForKeyword:P1} | {stats.Seconds:F1} s{mark}");
        }

        if (best.Weights.Length == 0)
        {
            throw new TrainingDivergedException($"no epoch had a finite validation loss (the last: {history[^1].ValidationLoss}); nothing to keep (try a lower --lr)");
        }

        WeightsFile.Load(model, new MemoryStream(best.Weights));
        model.Eval();
        return new TrainingResult(model, featurizer.Normalization, history, best.Epoch, featurizer);
    }

    /// <summary>Cross-entropy of one example's logits against its label (for hard-negative weights).</summary>
    private static double ExampleLoss(ReadOnlySpan<float> logits, int label)
    {
        var max = double.NegativeInfinity;
        foreach (var v in logits)
        {
            max = Math.Max(max, v);
        }

        var sum = 0.0;
        foreach (var v in logits)
        {
            sum += Math.Exp(v - max);
        }

        return Math.Log(sum) + max - logits[label];
    }
}
