using System.Text.Json;
using TestSupport;
using Trainer.Cli;

namespace Trainer.Tests.StreamEval;

/// <summary>A short soak (two minutes of audio) through the service's pipeline and the JSON it writes.</summary>
public class SoakCommandTests
{
    [Fact]
    public void TwoMinutesOfAudioGiveReadingsCpuAndAMemoryVerdict()
    {
        var output = TestPaths.NewTempDir("kws-soak-out");
        var code = TrainerCli.Run([
            "soak", "--model", Path.Combine(TestPaths.RepoRoot, "models", "kws-yesno.onnx"), "--minutes", "2",
            "--wav", Path.Combine(TestPaths.Fixtures, "stream_yes_no.wav"), "--sample-every-s", "20", "--warmup-s", "40", "--out", output,
        ]);

        Assert.Equal(0, code);
        using var soak = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "soak.json")));
        var root = soak.RootElement;
        Assert.Equal(120, root.GetProperty("audio_s").GetDouble(), 3);
        var samples = root.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(7, samples.Count);   // at 0, 20, 40 ... 120 s
        Assert.Equal([0.0, 20, 40, 60, 80, 100, 120], samples.Select(s => Math.Round(s.GetProperty("audio_s").GetDouble(), 3)));
        foreach (var field in new[] { "managed_bytes", "gc_heap_bytes", "gc_committed_bytes", "rss_bytes", "cpu_s", "gen0", "gen2", "allocated_bytes", "pipeline_allocated_bytes", "detections" })
        {
            Assert.True(samples[^1].TryGetProperty(field, out _), $"{field} missing from a reading");
        }

        Assert.True(samples[^1].GetProperty("rss_bytes").GetInt64() > 10 << 20);
        Assert.True(root.GetProperty("cpu_seconds_per_audio_hour").GetDouble() > 0);
        Assert.Equal(40, root.GetProperty("warmed_up").GetProperty("audio_s").GetDouble(), 3);
        Assert.True(root.GetProperty("detections").GetInt64() > 0, "the fixture has ten keywords every 31 s");
        Assert.True(root.TryGetProperty("memory_flat", out _));
        Assert.True(root.TryGetProperty("rule", out _));
        Assert.True(root.TryGetProperty("pipeline_allocated_bytes_after_warmup", out _));
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(output, "soak.svg")));
    }
}
