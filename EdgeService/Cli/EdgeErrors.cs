using EdgeService.Gpio;
using Kws.Detection.Cli;

namespace EdgeService.Cli;

/// <summary>kws-edge's use of the shared <see cref="CliErrors"/>: the GPIO and PortAudio failures are bad input too (exit 2).</summary>
internal static class EdgeErrors
{
    /// <summary>Runs a command; see <see cref="CliErrors.Guard"/>.</summary>
    public static int Guard(Func<int> action) => CliErrors.Guard(action, BadInput);

    /// <summary>Runs an asynchronous command; see <see cref="CliErrors.GuardAsync"/>.</summary>
    public static Task<int> GuardAsync(Func<Task<int>> action) => CliErrors.GuardAsync(action, BadInput);

    /// <summary>The line for a failure kws-edge counts as bad input beyond the shared ones; null otherwise.</summary>
    public static string? BadInput(Exception e) =>
        e is Gpio.GpioException or Audio.PortAudio.PortAudioLibraryMissingException ? e.Message : null;
}
