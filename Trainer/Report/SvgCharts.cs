using System.Globalization;
using System.Text;

namespace Trainer.Report;

/// <summary>Small self-contained SVG charts: line charts (training curves, trade-offs) and a confusion-matrix heat map.</summary>
internal static class SvgCharts
{
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

    /// <summary>One named line of (x, y) points.</summary>
    public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points);

    /// <summary>A line chart with axes, ticks, labels and a legend.</summary>
    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<Series> series, double? yMin = null, double? yMax = null, bool logX = false)
    {
        const int W = 520, H = 320, L = 60, R = 20, T = 30, B = 45;
        var all = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        if (all.Count == 0)
        {
            return $"<p>{title}: no data</p>";
        }

        double Tx(double x) => logX ? Math.Log10(Math.Max(x, 1e-4)) : x;
        double x0 = all.Min(p => Tx(p.X)), x1 = all.Max(p => Tx(p.X));
        double y0 = yMin ?? all.Min(p => p.Y), y1 = yMax ?? all.Max(p => p.Y);
        if (x1 - x0 < 1e-12)
        {
            x1 = x0 + 1;
        }

        if (y1 - y0 < 1e-12)
        {
            y1 = y0 + 1;
        }

        double Px(double x) => L + ((Tx(x) - x0) / (x1 - x0) * (W - L - R));
        double Py(double y) => H - B - ((Math.Clamp(y, y0, y1) - y0) / (y1 - y0) * (H - T - B));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns='http://www.w3.org/2000/svg' width='{W}' height='{H}' font-family='sans-serif' font-size='11'>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x='{W / 2}' y='18' text-anchor='middle' font-size='13'>{Escape(title)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x='{L}' y='{T}' width='{W - L - R}' height='{H - T - B}' fill='none' stroke='#888'/>");
        for (var i = 0; i <= 4; i++)
        {
            var yv = y0 + ((y1 - y0) * i / 4);
            var xv = x0 + ((x1 - x0) * i / 4);
            var xl = logX ? Math.Pow(10, xv) : xv;
            svg.Append(CultureInfo.InvariantCulture, $"<text x='{L - 5}' y='{Py(yv) + 4:F1}' text-anchor='end'>{yv:G3}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1='{L}' x2='{W - R}' y1='{Py(yv):F1}' y2='{Py(yv):F1}' stroke='#eee'/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x='{L + ((W - L - R) * i / 4.0):F1}' y='{H - B + 15}' text-anchor='middle'>{xl:G3}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x='{(W + L - R) / 2}' y='{H - 8}' text-anchor='middle'>{Escape(xLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x='14' y='{(H - B + T) / 2}' text-anchor='middle' transform='rotate(-90 14 {(H - B + T) / 2})'>{Escape(yLabel)}</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            var points = series[s].Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{Px(p.X):F1},{Py(p.Y):F1}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill='none' stroke='{colour}' stroke-width='2' points='{string.Join(' ', points)}'/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x='{W - R - 130}' y='{T + 8 + (s * 16)}' width='10' height='10' fill='{colour}'/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x='{W - R - 115}' y='{T + 17 + (s * 16)}'>{Escape(series[s].Name)}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A confusion matrix as a heat map of row shares, with the counts written in the cells.</summary>
    public static string Confusion(IReadOnlyList<string> labels, int[][] counts)
    {
        const int Cell = 70, L = 90, T = 40;
        var n = labels.Count;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns='http://www.w3.org/2000/svg' width='{L + (n * Cell) + 10}' height='{T + (n * Cell) + 40}' font-family='sans-serif' font-size='12'>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x='{L + (n * Cell / 2)}' y='14' text-anchor='middle'>predicted</text>");
        for (var t = 0; t < n; t++)
        {
            var total = Math.Max(1, counts[t].Sum());
            svg.Append(CultureInfo.InvariantCulture, $"<text x='{L - 6}' y='{T + (t * Cell) + (Cell / 2) + 4}' text-anchor='end'>{Escape(labels[t])}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x='{L + (t * Cell) + (Cell / 2)}' y='{T - 6}' text-anchor='middle'>{Escape(labels[t])}</text>");
            for (var p = 0; p < n; p++)
            {
                var share = (double)counts[t][p] / total;
                var (r, g, b) = SpectrogramImage.Colour((float)share);
                var text = share > 0.6 ? "#000" : "#fff";
                svg.Append(CultureInfo.InvariantCulture, $"<rect x='{L + (p * Cell)}' y='{T + (t * Cell)}' width='{Cell}' height='{Cell}' fill='rgb({r},{g},{b})' stroke='#fff'/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x='{L + (p * Cell) + (Cell / 2)}' y='{T + (t * Cell) + (Cell / 2) + 4}' text-anchor='middle' fill='{text}'>{counts[t][p]}</text>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x='{L + (n * Cell / 2)}' y='{T + (n * Cell) + 25}' text-anchor='middle'>rows: true class (colour: share of the row)</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Escapes text for SVG/HTML.</summary>
    public static string Escape(string s) => System.Net.WebUtility.HtmlEncode(s);
}
