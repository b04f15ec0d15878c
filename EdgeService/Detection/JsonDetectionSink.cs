using System.Globalization;

namespace EdgeService.Detection;

/// <summary>
/// Writes each detection as one JSON object per line, <c>{"keyword":"yes","time_s":12.34,"score":0.97}</c>, to a
/// writer (standard output under <c>--json</c>), flushed at once so a reading process sees it immediately.
/// </summary>
internal sealed class JsonDetectionSink(TextWriter output) : IDetectionSink
{
    /// <inheritdoc />
    public void OnDetection(in KeywordDetection detection)
    {
        try
        {
            output.WriteLine(Format(detection));
            output.Flush();
        }
        catch (IOException)
        {
            // A closed pipe must not stop the pipeline; the log sink still records the detection.
        }
    }

    /// <summary>The JSON line of one detection (time to the millisecond, score to three decimals).</summary>
    public static string Format(in KeywordDetection detection) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{{\"keyword\":{System.Text.Json.JsonSerializer.Serialize(detection.Keyword)},\"time_s\":{detection.TimeS:0.###},\"score\":{detection.Score:0.###}}}");
}
