using System.Text.Json;
using TestSupport;

namespace EdgeService.Tests.Cli;

/// <summary><c>kws-edge classify --json</c> on the committed fixture clips: one object per file, in the README's shape.</summary>
public sealed class ClassifyCommandTests
{
    [Fact]
    public void Each_clip_gets_one_json_line_with_its_label_and_every_score()
    {
        var folder = Path.Combine(TestPaths.Fixtures, "clips");
        var r = EdgeProcess.Run(["classify", folder, "--json"]);

        Assert.True(r.ExitCode == 0, r.Err);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var clips = Directory.EnumerateFiles(folder, "*.wav", SearchOption.AllDirectories).ToList();
        Assert.Equal(clips.Count, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var file = json.RootElement.GetProperty("file").GetString()!;
            var label = json.RootElement.GetProperty("label").GetString()!;
            var scores = json.RootElement.GetProperty("scores").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

            Assert.Contains(Path.GetFullPath(file), clips.Select(Path.GetFullPath));
            Assert.Equal(["yes", "no", "_silence_", "_unknown_"], scores.Keys);
            Assert.InRange(scores.Values.Sum(), 0.998, 1.002); // four decimals each
            Assert.Equal(scores.MaxBy(p => p.Value).Key, label);
            Assert.Equal(Path.GetFileName(Path.GetDirectoryName(file)), label); // the fixtures' folders are their truth
        }
    }

    [Fact]
    public void A_long_recording_gets_its_label_and_a_note_that_only_its_loudest_second_was_scored()
    {
        var recording = Path.Combine(TestPaths.Fixtures, "stream_yes_no.wav");
        var clip = Directory.EnumerateFiles(Path.Combine(TestPaths.Fixtures, "clips"), "*.wav", SearchOption.AllDirectories).First();
        var r = EdgeProcess.Run(["classify", recording, clip, "--json"]);

        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(2, r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // one result per file, as before
        var notes = r.Err.Split('\n').Where(l => l.StartsWith("note:", StringComparison.Ordinal)).ToList();
        var note = Assert.Single(notes); // none for the one-second clip
        Assert.Contains(recording, note, StringComparison.Ordinal);
        Assert.Contains("30.7 s long", note, StringComparison.Ordinal);
        Assert.Contains("kws-edge detect", note, StringComparison.Ordinal);
    }
}
