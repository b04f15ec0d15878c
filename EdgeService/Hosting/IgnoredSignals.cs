using System.Globalization;

namespace EdgeService.Hosting;

/// <summary>
/// Which signals this process ignores (Linux: the <c>SigIgn</c> mask of <c>/proc/self/status</c>). A process started
/// with a signal ignored (<c>nohup</c> ignores SIGHUP) keeps it ignored: .NET respects that and installs no handler,
/// so a <see cref="System.Runtime.InteropServices.PosixSignalRegistration"/> for it never runs.
/// </summary>
internal static class IgnoredSignals
{
    /// <summary>SIGHUP's number on Linux.</summary>
    public const int Hangup = 1;

    /// <summary>Whether this process ignores <paramref name="signal"/>; false where that cannot be read.</summary>
    /// <param name="signal">A Linux signal number (1–64).</param>
    /// <returns>True only when the process's ignored-signal mask is read and has the signal's bit set.</returns>
    public static bool IsIgnored(int signal)
    {
        try
        {
            return OperatingSystem.IsLinux() && IsIgnored(File.ReadAllText(ProcStatus.SelfPath), signal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads <paramref name="signal"/>'s bit in the <c>SigIgn:</c> line of a <c>/proc/PID/status</c> text.</summary>
    /// <param name="status">The text of a status file.</param>
    /// <param name="signal">A Linux signal number (1–64).</param>
    /// <returns>True when the line is there, is hexadecimal, and has bit <c>signal - 1</c> set.</returns>
    public static bool IsIgnored(string status, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(signal, 64);
        var field = ProcStatus.Field(status, "SigIgn");
        return ulong.TryParse(field, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mask) &&
               (mask & (1UL << (signal - 1))) != 0;
    }
}
