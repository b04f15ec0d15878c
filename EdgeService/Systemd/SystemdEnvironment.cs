using System.Globalization;

namespace EdgeService.Systemd;

/// <summary>
/// What systemd tells a service through its environment: the notification socket (<c>NOTIFY_SOCKET</c>, set for a
/// <c>Type=notify</c> unit) and the watchdog interval (<c>WATCHDOG_USEC</c>, set with <c>WatchdogSec=</c>; honoured
/// only when <c>WATCHDOG_PID</c> is absent or names this process, as sd_watchdog_enabled does).
/// </summary>
/// <param name="NotifySocket">The socket address: a file system path, or an abstract name starting with '@'; null when not under systemd.</param>
/// <param name="WatchdogInterval">How often systemd expects WATCHDOG=1 at the latest; null when there is no watchdog.</param>
internal sealed record SystemdEnvironment(string? NotifySocket, TimeSpan? WatchdogInterval)
{
    /// <summary>Nothing from systemd: no notifications, no watchdog.</summary>
    public static SystemdEnvironment None { get; } = new(null, null);

    /// <summary>True when there is a socket to notify.</summary>
    public bool NotifyEnabled => NotifySocket is not null;

    /// <summary>Reads this process's environment.</summary>
    public static SystemdEnvironment FromProcess() => Read(Environment.GetEnvironmentVariable, Environment.ProcessId);

    /// <summary>
    /// Reads the variables through <paramref name="getVariable"/>. A socket address that is neither a path nor an
    /// abstract name (e.g. systemd 254's <c>vsock:</c> addresses) and a watchdog value that is not a positive number
    /// of microseconds are ignored, as libsystemd ignores them.
    /// </summary>
    /// <param name="getVariable">Returns a variable's value, or null when it is not set.</param>
    /// <param name="processId">This process's id, compared with WATCHDOG_PID.</param>
    public static SystemdEnvironment Read(Func<string, string?> getVariable, int processId)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var socket = getVariable("NOTIFY_SOCKET");
        if (socket is not { Length: > 1 } || (socket[0] != '/' && socket[0] != '@'))
        {
            socket = null;
        }

        TimeSpan? watchdog = null;
        var pid = getVariable("WATCHDOG_PID");
        var forUs = string.IsNullOrEmpty(pid) || (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p == processId);
        if (forUs && long.TryParse(getVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0)
        {
            watchdog = TimeSpan.FromMicroseconds(usec);
        }

        return new SystemdEnvironment(socket, watchdog);
    }
}
