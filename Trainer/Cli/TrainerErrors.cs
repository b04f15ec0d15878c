using Kws.Detection.Cli;
using Trainer.Data;

namespace Trainer.Cli;

/// <summary>kws-trainer's use of the shared <see cref="CliErrors"/>: data problems and bad arguments are bad input too (exit 2).</summary>
internal static class TrainerErrors
{
    /// <summary>Runs a command; see <see cref="CliErrors.Guard"/>.</summary>
    public static int Guard(Func<int> action) => CliErrors.Guard(action, BadInput);

    /// <summary>The line for a failure kws-trainer counts as bad input beyond the shared ones; null otherwise.</summary>
    public static string? BadInput(Exception e) => e is DataException or ArgumentException ? e.Message : null;
}
