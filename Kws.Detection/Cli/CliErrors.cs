using Kws.Audio.Wav;
using Kws.Detection.Options;
using Kws.Onnx.Contract;
using Kws.Onnx.Runtime;

namespace Kws.Detection.Cli;

/// <summary>
/// The one way every program of ours (kws-edge, kws-trainer) ends a command that failed: one line on standard error,
/// <c>error: ...</c> (with journald priority 3 under systemd), and an exit code: 2 for bad input (a setting, a model,
/// a WAV, a missing file, or what the program adds with its own test), 1 for anything else. Never a stack trace,
/// unless KWS_DEBUG=1.
/// </summary>
public static class CliErrors
{
    /// <summary>Runs <paramref name="action"/>; bad input exits 2, other failures 1.</summary>
    /// <param name="action">The command.</param>
    /// <param name="badInput">The program's own bad-input failures, with the line to print (null: not one of them).</param>
    public static int Guard(Func<int> action, Func<Exception, string?>? badInput = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (Exception e)
        {
            return Fail(e, badInput);
        }
    }

    /// <summary>Runs <paramref name="action"/>; bad input exits 2, other failures 1.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> action, Func<Exception, string?>? badInput = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return Fail(e, badInput);
        }
    }

    /// <summary>The line for a bad-input failure (also when wrapped, e.g. by the host); null for anything else.</summary>
    public static string? Describe(Exception e, Func<Exception, string?>? badInput = null) => e switch
    {
        _ when badInput?.Invoke(e) is { } own => own,
        ConfigurationException or ModelContractException or OnnxRuntimeLoadException or OnnxRuntimeException
            or WavFormatException or FileNotFoundException or DirectoryNotFoundException => e.Message,
        AggregateException a when a.InnerExceptions.Count == 1 => Describe(a.InnerExceptions[0], badInput),
        _ when e.InnerException is not null => Describe(e.InnerException, badInput),
        _ => null,
    };

    /// <summary>Writes the line for <paramref name="e"/> and returns its exit code.</summary>
    public static int Fail(Exception e, Func<Exception, string?>? badInput = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = Describe(e, badInput);
        var priority = Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 } ? "<3>" : string.Empty;
        Console.Error.WriteLine($"{priority}error: {message ?? e.Message}");
        if (Environment.GetEnvironmentVariable("KWS_DEBUG") == "1")
        {
            Console.Error.WriteLine(e);
        }

        return message is null ? 1 : 2;
    }
}
