using Microsoft.Extensions.Logging;

namespace EdgeService.Audio;

/// <summary>The log messages of live capture (event ids 200-210). Never called from the audio callback.</summary>
internal static partial class AudioCaptureLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Capturing audio from {Device}")]
    public static partial void Capturing(ILogger logger, string device);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Audio input is back after {Attempts} attempt(s): {Device}")]
    public static partial void Reconnected(ILogger logger, int attempts, string device);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Audio input unavailable: {Reason} Retrying in {DelayS:0.#} s.")]
    public static partial void Unavailable(ILogger logger, string reason, double delayS);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Audio input lost: {Device}: {Reason}. Retrying in {DelayS:0.#} s.")]
    public static partial void Lost(ILogger logger, string device, string reason, double delayS);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Audio input overflow: {New} buffer(s) of audio lost by the device in the last {PeriodS:0.#} s ({Total} since start). The system is too busy or the buffer too small (Audio:DeviceBufferMs).")]
    public static partial void Overflows(ILogger logger, long @new, double periodS, long total);

    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "Audio capture gave up retrying: {Reason}")]
    public static partial void GaveUp(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Closing audio input {Device} failed: {Reason}")]
    public static partial void CloseFailed(ILogger logger, string device, string reason, Exception exception);

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "Audio input {Device} could not be closed within {TimeoutMs} ms at stop; the stream is abandoned (stuck in the audio driver)")]
    public static partial void AbandonedAtStop(ILogger logger, string device, int timeoutMs);

    [LoggerMessage(EventId = 208, Level = LogLevel.Information, Message = "The abandoned audio input {Device} closed after all, {TookMs:0} ms after its close began")]
    public static partial void ClosedLate(ILogger logger, string device, double tookMs);

    [LoggerMessage(EventId = 209, Level = LogLevel.Warning, Message = "Opening audio input ({Device}) did not finish within {TimeoutMs} ms at stop; the open is abandoned (stuck in the audio driver)")]
    public static partial void OpenAbandonedAtStop(ILogger logger, string device, int timeoutMs);

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "The abandoned open of the audio input ({Device}) returned after all, {TookMs:0} ms after it began; its stream (if any) is closed unused")]
    public static partial void OpenedLate(ILogger logger, string device, double tookMs);
}
