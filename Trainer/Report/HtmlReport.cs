using System.Globalization;
using System.Text;
using Trainer.Data;
using Trainer.Evaluation;
using Trainer.Training;

namespace Trainer.Report;

/// <summary>
/// One self-contained HTML page about a trained model: the data, the training curves, the confusion matrix and
/// trade-off on held-out speakers, and example spectrograms of each class (the images the CNN looks at).
/// </summary>
internal static class HtmlReport
{
    /// <summary>An example spectrogram to show: class label, file and its features (frames x mels, normalised).</summary>
    public sealed record SpectrogramExample(string Label, string File, float[] Features, int Frames, int Mels);

    /// <summary>One trained model's curves: its name (empty for a single model), its epochs, the epoch kept and why.</summary>
    public sealed record TrainingCurves(string Name, IReadOnlyList<EpochStats> History, int BestEpoch, bool KeptLast);

    public static string Build(string title, IReadOnlyList<string> summary, IReadOnlyList<SourceCount> sources, IReadOnlyList<TrainingCurves> curves,
        IReadOnlyList<EvaluationReport> evaluations, IReadOnlyList<SpectrogramExample> spectrograms)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset='utf-8'><title>").Append(SvgCharts.Escape(title)).Append("</title>");
        html.Append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse}" +
                    "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}.fig{display:inline-block;margin:8px;vertical-align:top}" +
                    "figcaption{font-size:12px;color:#555;text-align:center}</style></head><body>");
        html.Append("<h1>").Append(SvgCharts.Escape(title)).Append("</h1><ul>");
        foreach (var line in summary)
        {
            html.Append("<li>").Append(SvgCharts.Escape(line)).Append("</li>");
        }

        html.Append("</ul>");
        if (sources.Count > 0)
        {
            html.Append("<h2>Data per source and split</h2><table><tr><th>source</th><th>split</th>");
            foreach (var label in ClassLabels.All)
            {
                html.Append("<th>").Append(SvgCharts.Escape(label)).Append("</th>");
            }

            html.Append("<th>speakers</th></tr>");
            foreach (var row in sources)
            {
                html.Append("<tr><td>").Append(SvgCharts.Escape(row.Source)).Append("</td><td>").Append(row.Split).Append("</td>");
                foreach (var n in row.Clips)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<td>{n}</td>");
                }

                html.Append(CultureInfo.InvariantCulture, $"<td>{row.Speakers}</td></tr>");
            }

            html.Append("</table><p>No speaker is in two splits: every source is split by the same hash of the speaker id.</p>");
        }

        html.Append("<h2>Training curves</h2>");
        string Name(TrainingCurves c, string series) => c.Name.Length == 0 ? series : $"{c.Name}: {series}";
        html.Append("<div class='fig'>").Append(SvgCharts.Lines("Loss", "epoch", "cross-entropy", [.. curves.SelectMany(c => new[]
        {
            new SvgCharts.Series(Name(c, "train"), c.History.Select(h => ((double)h.Epoch, h.TrainLoss)).ToList()),
            new SvgCharts.Series(Name(c, "validation"), c.History.Select(h => ((double)h.Epoch, h.ValidationLoss)).ToList()),
        })])).Append("</div>");
        html.Append("<div class='fig'>").Append(SvgCharts.Lines("Accuracy", "epoch", "share", [.. curves.SelectMany(c => new[]
        {
            new SvgCharts.Series(Name(c, "train"), c.History.Select(h => ((double)h.Epoch, h.TrainAccuracy)).ToList()),
            new SvgCharts.Series(Name(c, "validation"), c.History.Select(h => ((double)h.Epoch, h.ValidationAccuracy)).ToList()),
            new SvgCharts.Series(Name(c, "val. yes/no recall"), c.History.Select(h => ((double)h.Epoch, h.KeywordRecall)).ToList()),
        })], 0, 1)).Append("</div>");
        foreach (var c in curves)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{SvgCharts.Escape(c.Name.Length == 0 ? "The weights" : $"{c.Name}: the weights")} kept are those of epoch {c.BestEpoch} ({(c.KeptLast ? "the last epoch: --keep-last" : "lowest validation loss")}).</p>");
        }

        foreach (var e in evaluations)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{SvgCharts.Escape(e.Split)}: {e.Clips} clips, accuracy {e.Accuracy:P1}</h2>");
            html.Append("<table><tr><th>class</th><th>recall</th><th>95% interval</th><th>clips</th></tr>");
            for (var i = 0; i < e.Labels.Count; i++)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{SvgCharts.Escape(e.Labels[i])}</td><td>{e.Recall[e.Labels[i]]:P1}</td><td>{e.RecallInterval[e.Labels[i]]}</td><td>{e.Confusion[i].Sum()}</td></tr>");
            }

            html.Append(CultureInfo.InvariantCulture, $"</table><p>Silence and unknown clips taken for yes or no: {e.NegativesTakenForKeyword:P2} (95% interval {e.NegativesTakenForKeywordInterval}). ");
            html.Append("The intervals (Wilson score) show how far a share measured on this few clips may be from the true one.</p>");
            html.Append("<p>").Append(SvgCharts.Escape(e.SpeakerSummary)).Append(".</p>");
            html.Append("<div class='fig'>").Append(SvgCharts.Confusion(e.Labels, e.Confusion)).Append("<figcaption>confusion matrix</figcaption></div>");
            var keywords = e.TradeOff.FirstOrDefault()?.FalseRejectRate.Keys.ToList() ?? [];
            html.Append("<div class='fig'>").Append(SvgCharts.Lines("Keyword trade-off over thresholds", "false accepts (share of negatives)", "false rejects",
                keywords.Select(k => new SvgCharts.Series(k, e.TradeOff.Select(p => (Math.Max(p.FalseAcceptRate, 1e-3), p.FalseRejectRate[k])).ToList())).ToList(),
                0, null, logX: true)).Append("<figcaption>each point is one threshold, 0.05 to 0.99</figcaption></div>");
        }

        if (spectrograms.Count > 0)
        {
            html.Append("<h2>What the CNN sees: log-mel spectrograms</h2><p>Time runs left to right (one second), low frequencies at the bottom.</p>");
            foreach (var s in spectrograms)
            {
                var png = SpectrogramImage.Png(s.Features, s.Frames, s.Mels);
                html.Append("<figure class='fig'><img src='data:image/png;base64,").Append(Convert.ToBase64String(png))
                    .Append("'/><figcaption>").Append(SvgCharts.Escape($"{s.Label}: {Path.GetFileName(s.File)}")).Append("</figcaption></figure>");
            }
        }

        return html.Append("</body></html>").ToString();
    }
}
