using TestSupport;
using EdgeService.Hosting;
using System.Diagnostics;
using System.Text.RegularExpressions;
using EdgeService.Tests.Cli;

namespace EdgeService.Tests.Systemd;

/// <summary>Under systemd (JOURNAL_STREAM set) every log line carries the &lt;N&gt; priority journald reads.</summary>
public sealed partial class JournalPriorityTests
{
    [Fact]
    public void InformationIsSix_WarningIsFour_AndEveryLineHasAPriority()
    {
        var result = EdgeProcess.Run(
            ["run", "--Audio:Source=file", $"--Audio:Path={Path.Combine(TestSupport.TestPaths.Fixtures, "stream_yes_no.wav")}", "--Audio:Realtime=false"],
            environment: new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:12345" });
        Assert.True(result.ExitCode == 0, result.Err);
        var lines = Lines(result.Out + result.Err);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(Prefix(), l));
        Assert.Contains(lines, l => l.StartsWith("<6>EdgeService.Hosting.SpotterService", StringComparison.Ordinal) && l.Contains("Listening", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("<6>EdgeService.Hosting.StatsReporter", StringComparison.Ordinal) && l.Contains("stats: audio", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("<3>", StringComparison.Ordinal) || l.StartsWith("<2>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SourceFailureIsThree()
    {
        // Standard input that is a directory: read(2) fails with EISDIR once the service runs.
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec dotnet \"$0\" run --Audio:Source=stdin < /");
        info.ArgumentList.Add(EdgeProcess.Program);
        info.Environment["KWS_CONFIG"] = "/nonexistent/kws-edge.json";
        info.Environment["JOURNAL_STREAM"] = "8:12345";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(process.WaitForExit(60_000), "kws-edge did not stop after its source failed");
        var lines = Lines(await output + await error);
        Assert.Equal(1, process.ExitCode);
        Assert.Contains(lines, l => l.StartsWith("<3>EdgeService.Hosting.SpotterService", StringComparison.Ordinal) && l.Contains("Audio source failed", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(Prefix(), l));
    }

    [Fact]
    public void A_bad_setting_is_one_error_line_at_priority_three()
    {
        var result = EdgeProcess.Run(
            ["run", "--Audio:Source=file", "--Audio:Path=/nonexistent/recording.wav", "--Smoother:WindowMs=-5"],
            environment: new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:12345", ["KWS_CONFIG"] = "/nonexistent/kws-edge.json" });
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(Lines(result.Err));
        Assert.StartsWith("<3>error: ", line, StringComparison.Ordinal);
        Assert.Contains("WindowMs", line, StringComparison.Ordinal);
    }

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    [GeneratedRegex(@"^<[0-7]>")]
    private static partial Regex Prefix();
}
