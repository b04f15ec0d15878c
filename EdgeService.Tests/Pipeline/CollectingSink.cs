using Kws.Detection.Pipeline;

namespace EdgeService.Tests.Pipeline;

/// <summary>A detection sink that keeps every detection, for tests.</summary>
internal sealed class CollectingSink : IDetectionSink
{
    public List<KeywordDetection> Detections { get; } = [];

    public void OnDetection(in KeywordDetection detection) => Detections.Add(detection);
}
