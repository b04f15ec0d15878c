namespace Trainer.Evaluation;

/// <summary>
/// The keyword trade-off over thresholds on one-second clips: at threshold t a keyword clip is missed (a false
/// reject) when its keyword's probability is below t, and a clip of silence or unknown is a false accept when any
/// keyword's probability is at least t.
/// </summary>
internal static class TradeOff
{
    /// <summary>One point of the curve.</summary>
    public sealed record Point(double Threshold, IReadOnlyDictionary<string, double> FalseRejectRate, double FalseAcceptRate);

    /// <summary>The curve at thresholds 0.05, 0.10, ... 0.95 and a few near 1.</summary>
    public static IReadOnlyList<Point> Compute(IReadOnlyList<ScoredClip> clips, IReadOnlyList<string> labels)
    {
        var keywords = Enumerable.Range(0, labels.Count).Where(i => !labels[i].StartsWith('_')).ToArray();
        var negatives = clips.Where(c => !keywords.Contains(c.Truth)).ToList();
        var thresholds = Enumerable.Range(1, 19).Select(i => i * 0.05).Concat([0.97, 0.99]).ToArray();
        var points = new List<Point>();
        foreach (var t in thresholds)
        {
            var frr = new Dictionary<string, double>();
            foreach (var k in keywords)
            {
                var positives = clips.Where(c => c.Truth == k).ToList();
                frr[labels[k]] = positives.Count == 0 ? double.NaN : (double)positives.Count(c => c.Scores[k] < t) / positives.Count;
            }

            var far = negatives.Count == 0 ? double.NaN
                : (double)negatives.Count(c => keywords.Any(k => c.Scores[k] >= t)) / negatives.Count;
            points.Add(new Point(t, frr, far));
        }

        return points;
    }
}
