using System.Globalization;
using Trainer.Report;

namespace Trainer.StreamEval;

/// <summary>
/// The DET-style picture of a threshold sweep: false alarms per hour (log scale) against miss rate, one curve per
/// keyword and SNR, one point per threshold. A point with no false alarm is drawn at <see cref="ZeroFloorPerHour"/>.
/// </summary>
internal static class DetChart
{
    /// <summary>Where a point with no false alarm is drawn on the log axis.</summary>
    public const double ZeroFloorPerHour = 0.1;

    /// <summary>The SVG (a short note instead when there was no sweep).</summary>
    public static string Svg(StreamEvaluationResult result)
    {
        var series = new List<SvgCharts.Series>();
        foreach (var snr in result.Streams)
        {
            foreach (var keyword in snr.Default.Score.Keywords.Keys)
            {
                var points = snr.Sweep.Select(r => (Math.Max(r.Score.Keywords[keyword].FalseAlarmsPerHour, ZeroFloorPerHour), r.Score.Keywords[keyword].MissRate)).ToList();
                series.Add(new SvgCharts.Series(string.Create(CultureInfo.InvariantCulture, $"{keyword} @ {snr.SnrDb:0.#} dB"), points));
            }
        }

        if (series.All(s => s.Points.Count == 0))
        {
            return "<svg xmlns='http://www.w3.org/2000/svg' width='520' height='40' font-family='sans-serif' font-size='12'><text x='10' y='24'>no threshold sweep (run with --threshold-sweep)</text></svg>";
        }

        return SvgCharts.Lines("Detection error trade-off on the stream", "false alarms per hour (log; 0 drawn at 0.1)", "miss rate",
            series, 0, 1, logX: true);
    }
}
