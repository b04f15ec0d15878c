using System.Runtime.ExceptionServices;

namespace EdgeService.Hosting;

/// <summary>
/// The fault that stopped the service from inside the host: an exception from the audio source's start (the PortAudio
/// library missing, a setting the source refuses) or from the pipeline (inference failing). The service loop records
/// it and stops the host; the command that ran the host rethrows it once the host has stopped, so it is reported like
/// a fault before the start: one <c>error:</c> line and a non-zero exit code (2 for bad input, 1 otherwise), never
/// the host's stack trace and exit code 0, which systemd's <c>Restart=on-failure</c> would take for a clean stop.
/// Safe from any thread; the first fault recorded is the one kept.
/// </summary>
internal sealed class ServiceFailure
{
    private Exception? _error;

    /// <summary>The first fault recorded, or null.</summary>
    public Exception? Error => Volatile.Read(ref _error);

    /// <summary>Keeps <paramref name="error"/> unless a fault was recorded before.</summary>
    public void Record(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Interlocked.CompareExchange(ref _error, error, null);
    }

    /// <summary>Rethrows the recorded fault (with its original stack) if there is one.</summary>
    public void ThrowIfFailed()
    {
        if (Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }
}
