using System.Diagnostics;

namespace EdgeService.Tests.Cli;

/// <summary>Runs the real kws-edge program (the copy built next to the tests) as a child process.</summary>
internal static class EdgeProcess
{
    public sealed record Result(int ExitCode, string Out, string Err, int ProcessId)
    {
        /// <summary>The error and critical log lines (console format: "fail:", "crit:") of both streams.</summary>
        public IReadOnlyList<string> ErrorLines =>
            (Out + Err).Split('\n').Where(l => l.Contains("fail:", StringComparison.Ordinal) || l.Contains("crit:", StringComparison.Ordinal)).ToList();
    }

    public static string Program => Path.Combine(AppContext.BaseDirectory, "kws-edge.dll");

    /// <summary>Sends <paramref name="signal"/> (a name such as TERM or HUP) to process <paramref name="pid"/> with kill(1).</summary>
    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The keyword of each <c>--json</c> detection line among <paramref name="stdout"/>'s lines, in order.</summary>
    public static List<string> JsonKeywords(IEnumerable<string> stdout) =>
        [.. stdout.Where(l => l.StartsWith('{')).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("keyword").GetString()!)];

    /// <summary>
    /// How every test starts kws-edge: <c>dotnet kws-edge.dll ARGS</c> with its output redirected, no settings file
    /// (KWS_CONFIG names none) and console log format (JOURNAL_STREAM removed). <paramref name="signalHandling"/>, an
    /// option of coreutils <c>env</c> such as <c>--default-signal=HUP</c>, sets a signal's disposition for it (env
    /// execs dotnet: the process id stays the same), so a test does not depend on what the test runner inherited.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, bool redirectStandardInput = true, string? signalHandling = null)
    {
        var info = new ProcessStartInfo(signalHandling is null ? "dotnet" : "env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStandardInput,
            UseShellExecute = false,
        };
        if (signalHandling is not null)
        {
            info.ArgumentList.Add(signalHandling);
            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(Program);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["KWS_CONFIG"] = "/nonexistent/kws-edge.json";
        info.Environment.Remove("JOURNAL_STREAM");
        return info;
    }

    public static Result Run(
        IEnumerable<string> args, byte[]? stdin = null, IDictionary<string, string>? environment = null, int timeoutMs = 60_000, IEnumerable<string>? unset = null)
    {
        var info = StartInfo(args);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        foreach (var k in unset ?? [])
        {
            info.Environment.Remove(k);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kws-edge {string.Join(' ', info.ArgumentList.Skip(1))} did not finish in {timeoutMs} ms");
        }

        return new Result(process.ExitCode, output.Result, error.Result, process.Id);
    }
}
