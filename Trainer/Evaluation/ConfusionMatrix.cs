namespace Trainer.Evaluation;

/// <summary>Counts of (true class, predicted class) pairs, with per-class accuracy (recall) and overall accuracy.</summary>
internal sealed class ConfusionMatrix(IReadOnlyList<string> labels)
{
    private readonly int[,] _counts = new int[labels.Count, labels.Count];

    /// <summary>Class labels, in index order.</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>How many examples of class <paramref name="truth"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int truth, int predicted] => _counts[truth, predicted];

    /// <summary>Examples counted.</summary>
    public int Total { get; private set; }

    /// <summary>Counts one example.</summary>
    public void Add(int truth, int predicted)
    {
        _counts[truth, predicted]++;
        Total++;
    }

    /// <summary>Examples of class <paramref name="truth"/>.</summary>
    public int RowTotal(int truth) => Enumerable.Range(0, labels.Count).Sum(p => _counts[truth, p]);

    /// <summary>Share of class <paramref name="truth"/> predicted right (NaN when it has no examples).</summary>
    public double Recall(int truth) => RowTotal(truth) == 0 ? double.NaN : (double)_counts[truth, truth] / RowTotal(truth);

    /// <summary>Share of all examples predicted right.</summary>
    public double Accuracy => Total == 0 ? double.NaN : (double)Enumerable.Range(0, labels.Count).Sum(i => _counts[i, i]) / Total;

    /// <summary>The counts as rows (truth) of columns (prediction), for JSON.</summary>
    public int[][] ToRows() =>
        Enumerable.Range(0, labels.Count).Select(t => Enumerable.Range(0, labels.Count).Select(p => _counts[t, p]).ToArray()).ToArray();
}
