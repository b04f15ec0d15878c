using Kws.Audio.Wav;
using Kws.Onnx.Contract;
using Kws.Onnx.Runtime;
using Trainer.Data;

namespace Trainer.Cli;

/// <summary>Turns failures into one clear line on standard error and an exit code, never a stack trace (unless KWS_DEBUG=1).</summary>
internal static class CliErrors
{
    /// <summary>Runs <paramref name="action"/>; bad input exits 2, other failures 1.</summary>
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is DataException or WavFormatException or ModelContractException or OnnxRuntimeLoadException
                                      or OnnxRuntimeException or FileNotFoundException or DirectoryNotFoundException or ArgumentException)
        {
            return Fail(e, 2);
        }
        catch (Exception e)
        {
            return Fail(e, 1);
        }
    }

    private static int Fail(Exception e, int code)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        if (Environment.GetEnvironmentVariable("KWS_DEBUG") == "1")
        {
            Console.Error.WriteLine(e);
        }

        return code;
    }
}
