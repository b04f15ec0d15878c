using System.Globalization;

namespace TestSupport;

/// <summary>
/// What this process holds, read after a full garbage collection (so finalisers of dropped handles have run): open
/// file descriptors, threads, live managed memory, and native memory (resident memory less what the garbage
/// collector has committed, which grows with its allocation budget and is not a leak). Leak tests compare two
/// readings taken around many cycles of an open and a close.
/// </summary>
/// <param name="OpenFiles">Entries of /proc/self/fd.</param>
/// <param name="Threads">The Threads line of /proc/self/status.</param>
/// <param name="ManagedBytes">Live managed memory (GC.GetTotalMemory after a full collection).</param>
/// <param name="NativeBytes">VmRSS of /proc/self/status less the garbage collector's committed memory.</param>
public readonly record struct ProcessResources(int OpenFiles, int Threads, long ManagedBytes, long NativeBytes)
{
    /// <summary>Collects garbage, runs finalisers, then reads /proc/self.</summary>
    public static ProcessResources Now()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        var status = File.ReadAllLines("/proc/self/status");
        return new ProcessResources(
            Directory.GetFileSystemEntries("/proc/self/fd").Length,
            (int)Field(status, "Threads:"),
            managed,
            (Field(status, "VmRSS:") * 1024) - GC.GetGCMemoryInfo().TotalCommittedBytes);
    }

    /// <summary>
    /// Runs <paramref name="cycle"/> <paramref name="warmUpCycles"/> times (caches and the allocator settle), reads,
    /// runs it <paramref name="cycles"/> times more and reads again. Fails when open descriptors or threads grew by
    /// more than 2 (one per cycle would add hundreds; the runtime's own come and go by one or two), or native or
    /// live managed memory by the slack or more.
    /// </summary>
    public static void AssertNoLeak(Action cycle, int warmUpCycles, int cycles, long nativeSlackBytes, long managedSlackBytes)
    {
        for (var i = 0; i < warmUpCycles; i++)
        {
            cycle();
        }

        var before = Now();
        for (var i = 0; i < cycles; i++)
        {
            cycle();
        }

        var after = Now();
        var what = $"after {cycles} cycles: " + Describe(before, after);
        Xunit.Assert.True(after.OpenFiles - before.OpenFiles <= 2, what);
        Xunit.Assert.True(after.Threads - before.Threads <= 2, what);
        Xunit.Assert.True(after.NativeBytes - before.NativeBytes < nativeSlackBytes, what);
        Xunit.Assert.True(after.ManagedBytes - before.ManagedBytes < managedSlackBytes, what);
    }

    /// <summary>Both readings, for an assertion's message.</summary>
    private static string Describe(ProcessResources before, ProcessResources after) =>
        $"file descriptors {before.OpenFiles} -> {after.OpenFiles}, threads {before.Threads} -> {after.Threads}, " +
        $"managed {before.ManagedBytes / 1024} -> {after.ManagedBytes / 1024} KiB, native {before.NativeBytes / 1024} -> {after.NativeBytes / 1024} KiB";

    private static long Field(string[] status, string name)
    {
        var line = status.First(l => l.StartsWith(name, StringComparison.Ordinal));
        return long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
