using System.Diagnostics;

namespace Trainer.StreamEval;

/// <summary>Reads this process's memory, CPU time and GC counters for a <see cref="SoakSample"/>.</summary>
internal sealed class ProcessProbe : IDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly Stopwatch _wall = Stopwatch.StartNew();

    /// <summary>Wall time since the probe was made, in seconds.</summary>
    public double WallS => _wall.Elapsed.TotalSeconds;

    /// <summary>A reading at <paramref name="audioS"/> seconds of audio, with the pipeline's own allocations and the detections so far.</summary>
    public SoakSample Read(double audioS, long pipelineAllocated, long detections)
    {
        _process.Refresh();
        var gc = GC.GetGCMemoryInfo();
        return new SoakSample(audioS, WallS, _process.TotalProcessorTime.TotalSeconds, GC.GetTotalMemory(false), gc.HeapSizeBytes, gc.TotalCommittedBytes,
            Rss(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetAllocatedBytesForCurrentThread(), pipelineAllocated, detections);
    }

    /// <summary>VmRSS from /proc/self/status in bytes, else <see cref="Environment.WorkingSet"/>.</summary>
    public static long Rss()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Environment.WorkingSet;
    }

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();
}
