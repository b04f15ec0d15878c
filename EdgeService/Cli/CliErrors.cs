using EdgeService.Hosting;
using Kws.Audio.Wav;
using Kws.Onnx.Contract;
using Kws.Onnx.Runtime;
using Microsoft.Extensions.Options;

namespace EdgeService.Cli;

/// <summary>Turns failures into one clear line on standard error and an exit code: never a stack trace (unless KWS_DEBUG=1).</summary>
internal static class CliErrors
{
    /// <summary>Runs <paramref name="action"/>; bad input or configuration exits 2, other failures 1.</summary>
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            return Fail(message, e, 2);
        }
        catch (Exception e)
        {
            return Fail(e.Message, e, 1);
        }
    }

    /// <summary>The message of a bad-input failure (possibly wrapped by the host); null for anything else.</summary>
    public static string? Describe(Exception e) => e switch
    {
        OptionsValidationException o => "invalid settings: " + string.Join(" ", o.Failures),
        ConfigurationException or ModelContractException or OnnxRuntimeLoadException or OnnxRuntimeException
            or WavFormatException or FileNotFoundException or DirectoryNotFoundException or Gpio.GpioException
            or Audio.PortAudio.PortAudioLibraryMissingException => e.Message,
        InvalidOperationException when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => "invalid settings: " + e.Message,
        AggregateException a when a.InnerExceptions.Count == 1 => Describe(a.InnerExceptions[0]),
        _ when e.InnerException is not null => Describe(e.InnerException),
        _ => null,
    };

    private static int Fail(string message, Exception e, int code)
    {
        // Under systemd (standard error is the journal) the line carries priority 3, so `journalctl -p err` shows it.
        var priority = Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 } ? "<3>" : string.Empty;
        Console.Error.WriteLine($"{priority}error: {message}");
        if (Environment.GetEnvironmentVariable("KWS_DEBUG") == "1")
        {
            Console.Error.WriteLine(e);
        }

        return code;
    }
}
