using Kws.Detection.Pipeline;
using EdgeService.Detection;

namespace EdgeService.Systemd;

/// <summary>Counts detections since start and keeps the latest one, for the status systemd shows (pipeline thread writes, others read).</summary>
internal sealed class DetectionTally : IDetectionSink
{
    private readonly Lock _lock = new();
    private long _count;
    private KeywordDetection? _last;

    /// <summary>Detections since start.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>The latest detection; null before the first.</summary>
    public KeywordDetection? Last
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    /// <inheritdoc />
    public void OnDetection(in KeywordDetection detection)
    {
        lock (_lock)
        {
            _last = detection;
        }

        Interlocked.Increment(ref _count);
    }
}
