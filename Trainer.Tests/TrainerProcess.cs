using System.Diagnostics;

namespace Trainer.Tests;

/// <summary>Runs the built kws-trainer in a process of its own, as a user would, and collects what it printed.</summary>
internal static class TrainerProcess
{
    /// <summary>Exit code, standard output and standard error of <c>kws-trainer <paramref name="arguments"/></c>.</summary>
    public static (int Code, string Output, string Error) Run(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kws-trainer.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dotnet");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }
}
