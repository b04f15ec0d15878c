namespace EdgeService.Hosting;

/// <summary>
/// Reads fields of a <c>/proc/PID/status</c> text (Linux), as <see cref="IgnoredSignals"/> and
/// <see cref="ProcessFootprint"/> use them.
/// </summary>
internal static class ProcStatus
{
    /// <summary>This process's status file.</summary>
    public const string SelfPath = "/proc/self/status";

    /// <summary>The value of the first <c>Name:</c> line, trimmed ("91652 kB" for VmRSS); empty when there is none.</summary>
    /// <param name="status">The text of a status file.</param>
    /// <param name="name">The field's name, without the colon.</param>
    public static ReadOnlySpan<char> Field(string status, string name)
    {
        foreach (var line in status.AsSpan().EnumerateLines())
        {
            if (line.Length > name.Length && line[name.Length] == ':' && line.StartsWith(name, StringComparison.Ordinal))
            {
                return line[(name.Length + 1)..].Trim();
            }
        }

        return [];
    }
}
