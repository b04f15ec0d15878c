using System.Globalization;
using System.Text;
using System.Text.Json;
using Trainer.Evaluation;
using Trainer.Report;

namespace Trainer.StreamEval;

/// <summary>Writes evaluate-stream's files: metrics.json (every figure), det.svg (the trade-off) and det.html (tables and picture).</summary>
internal static class StreamReport
{
    /// <summary>Writes the three files into <paramref name="folder"/> (created if absent); returns their paths.</summary>
    public static IReadOnlyList<string> Write(StreamEvaluationResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, "metrics.json");
        var svg = Path.Combine(folder, "det.svg");
        var html = Path.Combine(folder, "det.html");
        File.WriteAllText(json, JsonSerializer.Serialize(result, EvaluationReport.JsonOptions));
        var picture = DetChart.Svg(result);
        File.WriteAllText(svg, picture);
        File.WriteAllText(html, Html(result, picture));
        return [json, svg, html];
    }

    private static string Html(StreamEvaluationResult r, string picture)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Stream evaluation</title><style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}")
            .Append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}</style></head><body>");
        h.Append("<h1>Stream evaluation</h1><ul>");
        Item(h, $"model: {r.Model}");
        Item(h, $"data: {r.Data} ({r.Split} speakers: {r.Speakers}; clips: {string.Join(", ", r.Clips.Select(kv => $"{kv.Key} {kv.Value}"))}); noise: {r.Noise}");
        Item(h, string.Create(CultureInfo.InvariantCulture, $"stream: {r.Stream.Minutes} min, seed {r.Stream.Seed}, keyword share {r.Stream.KeywordShare:P0}, gaps {r.Stream.GapMinS}-{r.Stream.GapMaxS} s, speech at {r.Stream.SpeechLevelDbfs} dBFS"));
        Item(h, $"settings: {string.Join(", ", r.Settings.Select(kv => $"{kv.Key} {Format(kv.Value)}"))}");
        if (r.Overrides.Count > 0)
        {
            Item(h, $"overrides: {string.Join(' ', r.Overrides)}");
        }

        foreach (var (key, text) in r.Definitions)
        {
            Item(h, $"{key}: {text}");
        }

        h.Append("</ul><h2>At the settings as given</h2><table><tr><th>SNR dB</th><th>keyword</th><th>words</th><th>hits</th><th>hit rate</th><th>false alarms/h</th><th>latency median s</th><th>latency p90 s</th></tr>");
        foreach (var s in r.Streams)
        {
            foreach (var (k, v) in s.Default.Score.Keywords)
            {
                h.Append(CultureInfo.InvariantCulture, $"<tr><td>{s.SnrDb:0.#}</td><td>{k}</td><td>{v.Words}</td><td>{v.Hits}</td><td>{v.HitRate:P1}</td><td>{v.FalseAlarmsPerHour:F1}</td><td>{v.LatencyMedianS:F2}</td><td>{v.LatencyP90S:F2}</td></tr>");
            }

            var fa = s.Default.Score.FalseAlarms;
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{s.SnrDb:0.#}</td><td>all</td><td colspan='4'>false alarms {fa.Total} = {fa.PerHour:F1}/h (wrong keyword {fa.WrongKeyword}, other word {fa.OtherWord}, no word {fa.NoWord}, repeat {fa.Repeat}; on {SvgCharts.Escape(string.Join(", ", fa.ByWord.Take(8).Select(kv => $"{kv.Key} {kv.Value}")))})</td><td colspan='2'>{s.Default.RealTimeFactor:F0}x real time</td></tr>");
        }

        h.Append("</table><h2>Threshold sweep</h2><div>").Append(picture).Append("</div>");
        foreach (var s in r.Streams.Where(s => s.Sweep.Count > 0))
        {
            var keywords = s.Default.Score.Keywords.Keys.ToList();
            h.Append(CultureInfo.InvariantCulture, $"<h3>{s.SnrDb:0.#} dB (measured {s.MeasuredSnrDb:F2} dB)</h3><table><tr><th>threshold</th>");
            foreach (var k in keywords)
            {
                h.Append(CultureInfo.InvariantCulture, $"<th>{k} hit rate</th><th>{k} FA/h</th><th>{k} latency median s</th>");
            }

            h.Append("<th>all FA/h</th></tr>");
            foreach (var run in s.Sweep)
            {
                h.Append(CultureInfo.InvariantCulture, $"<tr><td>{run.Threshold:0.00}</td>");
                foreach (var k in keywords)
                {
                    var v = run.Score.Keywords[k];
                    h.Append(CultureInfo.InvariantCulture, $"<td>{v.HitRate:P1}</td><td>{v.FalseAlarmsPerHour:F1}</td><td>{v.LatencyMedianS:F2}</td>");
                }

                h.Append(CultureInfo.InvariantCulture, $"<td>{run.Score.FalseAlarms.PerHour:F1}</td></tr>");
            }

            h.Append("</table>");
        }

        return h.Append("</body></html>").ToString();
    }

    private static void Item(StringBuilder h, string text) => h.Append("<li>").Append(SvgCharts.Escape(text)).Append("</li>");

    private static string Format(object value) => value switch
    {
        IReadOnlyDictionary<string, float> d => string.Join("/", d.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:0.###}"))),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
