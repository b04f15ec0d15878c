using System.Globalization;

namespace EdgeService.Hosting;

/// <summary>
/// What the service process holds, for the stats line that lets an operator see memory over months in the journal:
/// resident memory, the managed heap (live objects and garbage not yet collected), what has been allocated since
/// start (its growth per interval is the allocation rate), the collections since start, threads and open files. Read
/// from /proc/self (Linux); where that is missing or cannot be read, resident memory comes from
/// <see cref="Environment.WorkingSet"/> and threads and open files are 0. Reading allocates a little; the stats
/// reporter calls it once per interval, off the audio path.
/// </summary>
/// <param name="RssBytes">Resident memory (VmRSS).</param>
/// <param name="ManagedHeapBytes">The managed heap now, garbage not yet collected included (GC.GetTotalMemory).</param>
/// <param name="AllocatedBytes">Managed memory allocated since start (GC.GetTotalAllocatedBytes).</param>
/// <param name="Gen0Collections">Generation 0 collections since start.</param>
/// <param name="Gen1Collections">Generation 1 collections since start.</param>
/// <param name="Gen2Collections">Generation 2 (full) collections since start.</param>
/// <param name="Threads">Threads of the process.</param>
/// <param name="OpenFiles">Open file descriptors.</param>
internal readonly record struct ProcessFootprint(
    long RssBytes, long ManagedHeapBytes, long AllocatedBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections, int Threads, int OpenFiles)
{
    private const string Descriptors = "/proc/self/fd";

    /// <summary>Reads the process now.</summary>
    public static ProcessFootprint Read()
    {
        long rss = Environment.WorkingSet;
        var threads = 0;
        var openFiles = 0;
        try
        {
            var status = File.ReadAllText(ProcStatus.SelfPath);
            var rssField = ProcStatus.Field(status, "VmRSS");
            rss = rssField.IsEmpty ? rss : Number(rssField) * 1024;
            var threadsField = ProcStatus.Field(status, "Threads");
            threads = threadsField.IsEmpty ? threads : (int)Number(threadsField);
            openFiles = Directory.GetFileSystemEntries(Descriptors).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            // No /proc (or an unexpected one): the stats line must never stop the service; what was read stays.
        }

        return new ProcessFootprint(
            rss, GC.GetTotalMemory(forceFullCollection: false), GC.GetTotalAllocatedBytes(),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), threads, openFiles);
    }

    /// <summary>The leading number of a status field's value ("91652 kB").</summary>
    private static long Number(ReadOnlySpan<char> value)
    {
        var space = value.IndexOf(' ');
        return long.Parse(space < 0 ? value : value[..space], CultureInfo.InvariantCulture);
    }
}
