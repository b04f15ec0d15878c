using Kws.Detection.Pipeline;
using Microsoft.Extensions.Logging;

namespace EdgeService.Detection;

/// <summary>Writes one information log line per detection: keyword, time on the sample clock (s) and smoothed score.</summary>
/// <param name="logger">Where the lines go.</param>
internal sealed partial class LogDetectionSink(ILogger<LogDetectionSink> logger) : IDetectionSink
{
    /// <inheritdoc />
    public void OnDetection(in KeywordDetection detection) =>
        LogDetected(logger, detection.Keyword, detection.TimeS, detection.Score);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Detected \"{Keyword}\" at {TimeS:F3} s (score {Score:F3})")]
    private static partial void LogDetected(ILogger logger, string keyword, double timeS, float score);
}
