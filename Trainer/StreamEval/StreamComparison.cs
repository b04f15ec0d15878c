using System.Globalization;
using System.Text;
using System.Text.Json;
using Trainer.Report;

namespace Trainer.StreamEval;

/// <summary>
/// Several models' stream evaluations (their metrics.json) side by side: a table of each model at its own settings
/// and at the best single threshold within false-alarm budgets, and one DET picture with every model's curves. The
/// runs must be of the same stream (same split, seed, length and SNRs) for the comparison to mean anything; the table
/// names each run's stream so a reader can check.
/// </summary>
internal static class StreamComparison
{
    /// <summary>One keyword's result at one setting.</summary>
    /// <param name="HitRate">Share of the keyword's words found.</param>
    /// <param name="FalseAlarmsPerHour">Its false alarms per hour.</param>
    internal readonly record struct KeywordPoint(double HitRate, double FalseAlarmsPerHour);

    /// <summary>One pass: the threshold (null: the settings as given) and each keyword's result, and all false alarms per hour.</summary>
    internal sealed record Pass(double? Threshold, IReadOnlyDictionary<string, KeywordPoint> Keywords, double AllFalseAlarmsPerHour);

    /// <summary>One stream of one run.</summary>
    internal sealed record Stream(double SnrDb, double DurationS, Pass Default, IReadOnlyList<Pass> Sweep);

    /// <summary>A run: its name and streams.</summary>
    internal sealed record Run(string Name, string Description, IReadOnlyList<Stream> Streams);

    /// <summary>Reads a metrics.json written by evaluate-stream or evaluate-speech.</summary>
    public static Run Read(string name, string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"metrics file '{path}' does not exist", path);
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var options = root.GetProperty("stream");
            var description = string.Create(CultureInfo.InvariantCulture,
                $"{root.GetProperty("split").GetString()}, {options.GetProperty("minutes").GetDouble():0.#} min, seed {options.GetProperty("seed").GetInt32()}");
            var streams = root.GetProperty("streams").EnumerateArray().Select(s => new Stream(
                SnrOf(s.GetProperty("snr_db")),
                s.GetProperty("duration_s").GetDouble(),
                PassOf(s.GetProperty("default")),
                [.. s.GetProperty("sweep").EnumerateArray().Select(PassOf)])).ToList();
            return new Run(name, description, streams);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new Data.DataException($"{path} is not a metrics.json of evaluate-stream or evaluate-speech: {e.Message}");
        }
    }

    /// <summary>
    /// The highest hit rate of <paramref name="keyword"/> over the swept thresholds at which all false alarms stay at
    /// or under <paramref name="budgetPerHour"/>, with the threshold; null when no threshold meets the budget.
    /// </summary>
    public static (double HitRate, double Threshold, double FalseAlarmsPerHour)? BestWithin(Stream stream, string keyword, double budgetPerHour) =>
        stream.Sweep.Where(p => p.AllFalseAlarmsPerHour <= budgetPerHour + 1e-9 && p.Threshold is not null)
            .Select(p => (p.Keywords[keyword].HitRate, p.Threshold!.Value, p.AllFalseAlarmsPerHour))
            .OrderByDescending(p => p.HitRate).ThenBy(p => p.Item2)
            .Cast<(double, double, double)?>()
            .FirstOrDefault();

    /// <summary>The comparison as Markdown: one row per run and SNR.</summary>
    public static string Table(IReadOnlyList<Run> runs, IReadOnlyList<double> budgets)
    {
        var keywords = runs.SelectMany(r => r.Streams).SelectMany(s => s.Default.Keywords.Keys).Distinct().ToList();
        var h = new StringBuilder();
        h.Append("| run | stream | SNR | at its settings: ").Append(string.Join(" / ", keywords)).Append(" found, false alarms/h |");
        foreach (var b in budgets)
        {
            h.Append(CultureInfo.InvariantCulture, $" best single threshold with <= {b:0.##} FA/h: {string.Join(" / ", keywords)} (threshold) |");
        }

        h.AppendLine().Append("| --- | --- | ---: | --- |").Append(string.Concat(budgets.Select(_ => " --- |"))).AppendLine();
        foreach (var run in runs)
        {
            foreach (var s in run.Streams)
            {
                h.Append(CultureInfo.InvariantCulture, $"| {run.Name} | {run.Description} | {Snr(s.SnrDb)} | ");
                h.Append(string.Join(" / ", keywords.Select(k => Percent(s.Default.Keywords[k].HitRate))));
                h.Append(CultureInfo.InvariantCulture, $", {s.Default.AllFalseAlarmsPerHour:0.#} |");
                foreach (var b in budgets)
                {
                    var cells = keywords.Select(k => BestWithin(s, k, b) is { } best
                        ? string.Create(CultureInfo.InvariantCulture, $"{Percent(best.HitRate)} ({best.Threshold:0.00})")
                        : "none").ToList();
                    h.Append(' ').Append(string.Join(" / ", cells)).Append(" |");
                }

                h.AppendLine();
            }
        }

        return h.ToString();
    }

    /// <summary>One DET picture: every run's sweep, one curve per run, keyword and SNR.</summary>
    public static string Det(IReadOnlyList<Run> runs, string title)
    {
        var series = new List<SvgCharts.Series>();
        foreach (var run in runs)
        {
            foreach (var s in run.Streams)
            {
                foreach (var k in s.Default.Keywords.Keys)
                {
                    series.Add(new SvgCharts.Series($"{run.Name}: {k} @ {Snr(s.SnrDb)}",
                        [.. s.Sweep.Select(p => (Math.Max(p.Keywords[k].FalseAlarmsPerHour, DetChart.ZeroFloorPerHour), 1 - p.Keywords[k].HitRate))]));
                }
            }
        }

        return SvgCharts.Lines(title, "false alarms per hour of that keyword (log; 0 drawn at 0.1)", "miss rate", series, 0, 1, logX: true);
    }

    private static Pass PassOf(JsonElement e)
    {
        var score = e.GetProperty("score");
        var keywords = score.GetProperty("keywords").EnumerateObject().ToDictionary(
            p => p.Name,
            p => new KeywordPoint(p.Value.GetProperty("hit_rate").GetDouble(), p.Value.GetProperty("false_alarms_per_hour").GetDouble()),
            StringComparer.Ordinal);
        var threshold = e.GetProperty("threshold");
        return new Pass(threshold.ValueKind == JsonValueKind.Number ? threshold.GetDouble() : null, keywords,
            score.GetProperty("false_alarms").GetProperty("per_hour").GetDouble());
    }

    private static double SnrOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    private static string Snr(double snr) => double.IsPositiveInfinity(snr) ? "clean" : string.Create(CultureInfo.InvariantCulture, $"{snr:0.#} dB");

    private static string Percent(double v) => string.Create(CultureInfo.InvariantCulture, $"{v * 100:0.0}%");
}
