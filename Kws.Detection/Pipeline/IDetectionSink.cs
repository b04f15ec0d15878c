namespace Kws.Detection.Pipeline;

/// <summary>
/// Something that acts on keyword detections (a log line, an LED, a counter). Contract:
/// <list type="bullet">
/// <item><b>Threading.</b> <see cref="OnDetection"/> is called on the pipeline thread, one detection at a time, in
/// time order. Detections are rare (at most one per refractory time), but the pipeline must keep up with the audio:
/// a sink must not block for long (no I/O waits beyond a quick write; hand slow work to another thread).</item>
/// <item><b>Errors.</b> A sink must not throw into the pipeline: it catches and logs its own failures (a GPIO write
/// that fails) and carries on. The pipeline may still guard each call, but a throwing sink is a bug.</item>
/// <item><b>Lifetime.</b> A sink that holds resources is <see cref="IDisposable"/>; after disposal it ignores
/// detections.</item>
/// </list>
/// </summary>
public interface IDetectionSink
{
    /// <summary>Acts on one detection (pipeline thread; quick; never throws).</summary>
    /// <param name="detection">The keyword, its time on the sample clock and its smoothed score.</param>
    void OnDetection(in KeywordDetection detection);
}
