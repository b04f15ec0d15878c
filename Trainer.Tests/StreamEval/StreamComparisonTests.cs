using System.Text.Json;
using TestSupport;
using Trainer.Cli;
using Trainer.StreamEval;

namespace Trainer.Tests.StreamEval;

/// <summary>compare-streams reads metrics.json files and finds the best single threshold within a false-alarm budget.</summary>
public class StreamComparisonTests
{
    /// <summary>A metrics.json with one stream: the default pass and a sweep of (threshold, yes hit rate, no hit rate, all FA/h).</summary>
    private static string Metrics(string snr, params (double T, double Yes, double No, double Fa)[] sweep)
    {
        static object Pass(double? t, double yes, double no, double fa) => new
        {
            threshold = t,
            score = new
            {
                keywords = new
                {
                    yes = new { hit_rate = yes, false_alarms_per_hour = fa / 2 },
                    no = new { hit_rate = no, false_alarms_per_hour = fa / 2 },
                },
                false_alarms = new { per_hour = fa },
            },
        };
        var path = Path.Combine(TestPaths.NewTempDir("kws-compare"), "metrics.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            split = "validation",
            stream = new { minutes = 60.0, seed = 1 },
            streams = new[]
            {
                new
                {
                    snr_db = snr == "inf" ? (object)"Infinity" : double.Parse(snr, System.Globalization.CultureInfo.InvariantCulture),
                    duration_s = 3600.0,
                    @default = Pass(null, 0.9, 0.8, 2),
                    sweep = sweep.Select(p => Pass(p.T, p.Yes, p.No, p.Fa)).ToArray(),
                },
            },
        }));
        return path;
    }

    [Fact]
    public void TheBestThresholdWithinABudgetIsTheOneFindingMostWithoutGoingOver()
    {
        var run = StreamComparison.Read("a", Metrics("10", (0.5, 0.99, 0.97, 3), (0.6, 0.97, 0.95, 1), (0.7, 0.95, 0.96, 0.5), (0.8, 0.90, 0.90, 0)));
        var stream = Assert.Single(run.Streams);
        Assert.Equal((0.97, 0.6, 1.0), StreamComparison.BestWithin(stream, "yes", 1));
        Assert.Equal((0.96, 0.7, 0.5), StreamComparison.BestWithin(stream, "no", 1));
        Assert.Equal((0.95, 0.7, 0.5), StreamComparison.BestWithin(stream, "yes", 0.5));
        Assert.Null(StreamComparison.BestWithin(stream, "yes", -1));
    }

    [Fact]
    public void TheCommandWritesATableRowPerRunAndStreamAndAPicture()
    {
        var output = TestPaths.NewTempDir("kws-compare-out");
        var code = TrainerCli.Run(["compare-streams", "--run", $"old={Metrics("inf", (0.5, 0.8, 0.7, 4))}", "--run", $"new={Metrics("10", (0.5, 0.99, 0.98, 0.4))}",
            "--budget", "0.5", "--out", output]);
        Assert.Equal(0, code);
        var table = File.ReadAllLines(Path.Combine(output, "comparison.md"));
        Assert.Equal(4, table.Length);
        Assert.StartsWith("| old | validation, 60 min, seed 1 | clean | 90.0% / 80.0%, 2 | none / none |", table[2]);
        Assert.StartsWith("| new | validation, 60 min, seed 1 | 10 dB | 90.0% / 80.0%, 2 | 99.0% (0.50) / 98.0% (0.50) |", table[3]);
        Assert.Equal(4, File.ReadAllText(Path.Combine(output, "det.svg")).Split("<polyline").Length - 1);
    }

    [Fact]
    public void AFileThatIsNotAMetricsFileIsNamed()
    {
        var path = Path.Combine(TestPaths.NewTempDir("kws-compare"), "metrics.json");
        File.WriteAllText(path, "{\"split\": 1}");
        var e = Assert.Throws<Trainer.Data.DataException>(() => StreamComparison.Read("x", path));
        Assert.Contains(path, e.Message);
    }
}
