using System.Diagnostics;
using EdgeService.Tests.Cli;
using TestSupport;

namespace EdgeService.Tests.Detection;

/// <summary>
/// The <c>--json</c> lines of the real kws-edge when its standard output is a regular file that standard error, and
/// the shell after it, write to as well (<c>{ kws-edge run --json; echo END; } &gt; file 2&gt;&amp;1</c>): every line of
/// each survives, because the JSON writer writes at the file's shared offset instead of a position of its own.
/// </summary>
public class StandardOutputTests
{
    [Fact]
    public void Json_lines_log_lines_and_what_the_shell_writes_after_share_one_file()
    {
        var output = Path.Combine(TestPaths.NewTempDir("kws-stdout"), "run.txt");
        var fixture = Path.Combine(TestPaths.Fixtures, "stream_yes_no.wav");
        var edge = string.Join(' ', new[]
        {
            "dotnet", EdgeProcess.Program, "run", "--json", "--Audio:Source=file", $"--Audio:Path={fixture}",
            "--Audio:Realtime=false", "--Stats:IntervalS=0", "--Leds:Enabled=false",
        }.Select(a => $"'{a}'"));
        var info = new ProcessStartInfo("bash", ["-c", $"{{ {edge}; echo \"END $?\"; }} > '{output}' 2>&1"]) { UseShellExecute = false };
        info.Environment["KWS_CONFIG"] = "/nonexistent/kws-edge.json";
        info.Environment.Remove("JOURNAL_STREAM");
        using (var process = Process.Start(info)!)
        {
            Assert.True(process.WaitForExit(120_000), "kws-edge did not finish the recording within 2 minutes");
        }

        var lines = File.ReadAllLines(output);
        var report = string.Join('\n', lines);
        Assert.Equal(["yes", "no", "yes", "no", "yes", "no", "yes", "no", "yes", "no"], EdgeProcess.JsonKeywords(lines.Where(l => l.StartsWith('{'))));
        Assert.Equal(10, lines.Count(l => l.Contains("Detected \"", StringComparison.Ordinal)));
        Assert.True(lines[^1] == "END 0", $"the shell's line after kws-edge is not the file's last: {report}");
    }
}
