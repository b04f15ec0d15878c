namespace Trainer.StreamEval;

/// <summary>One reading of the process during a soak.</summary>
/// <param name="AudioS">Audio processed so far, in seconds.</param>
/// <param name="WallS">Wall time so far, in seconds.</param>
/// <param name="CpuS">Process CPU time so far (all threads), in seconds.</param>
/// <param name="ManagedBytes">GC.GetTotalMemory(false): bytes on the managed heap, garbage not yet collected included.</param>
/// <param name="GcHeapBytes">GC.GetGCMemoryInfo().HeapSizeBytes: the heap size at the last collection.</param>
/// <param name="GcCommittedBytes">GC.GetGCMemoryInfo().TotalCommittedBytes.</param>
/// <param name="RssBytes">Resident set size (VmRSS of /proc/self/status, else Environment.WorkingSet).</param>
/// <param name="Gen0">Gen 0 collections so far.</param>
/// <param name="Gen1">Gen 1 collections so far.</param>
/// <param name="Gen2">Gen 2 collections so far.</param>
/// <param name="AllocatedBytes">Bytes allocated so far by the pipeline's thread (the soak's own readings included).</param>
/// <param name="PipelineAllocatedBytes">Of those, bytes allocated inside the pipeline's Process calls.</param>
/// <param name="Detections">Detections so far.</param>
internal sealed record SoakSample(double AudioS, double WallS, double CpuS, long ManagedBytes, long GcHeapBytes, long GcCommittedBytes, long RssBytes,
    int Gen0, int Gen1, int Gen2, long AllocatedBytes, long PipelineAllocatedBytes, long Detections);
