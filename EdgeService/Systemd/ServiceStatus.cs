using Kws.Detection.Pipeline;
using System.Globalization;
using EdgeService.Detection;

namespace EdgeService.Systemd;

/// <summary>The one-line STATUS= text that <c>systemctl status kws-edge</c> shows.</summary>
internal static class ServiceStatus
{
    /// <summary>Before the first audio.</summary>
    public const string WaitingForAudio = "waiting for audio";

    /// <summary>While stopping.</summary>
    public const string Stopping = "stopping";

    /// <summary>
    /// The status while running, e.g. <c>listening; 12.3 s of audio; 3 detections (last "yes" at 10.25 s)</c>, or
    /// <c>audio stalled for 5 s; ...</c> when no audio arrived since the last check, or
    /// <c>audio source failing (reason), retrying; ...</c> while a microphone is away.
    /// </summary>
    /// <param name="audioSeconds">Audio the pipeline has consumed since start.</param>
    /// <param name="detections">Detections since start.</param>
    /// <param name="last">The latest detection, if any.</param>
    /// <param name="stalledFor">How long no audio has arrived; zero when it flows.</param>
    /// <param name="failure">The reason of a fault the source is recovering from; null when none.</param>
    public static string Format(double audioSeconds, long detections, KeywordDetection? last, TimeSpan stalledFor, string? failure)
    {
        var state = failure is not null
            ? $"audio source failing ({Shorten(failure)}), retrying"
            : stalledFor > TimeSpan.Zero
                ? string.Create(CultureInfo.InvariantCulture, $"audio stalled for {stalledFor.TotalSeconds:F0} s")
                : "listening";
        var tail = last is { } d
            ? string.Create(CultureInfo.InvariantCulture, $" (last \"{d.Keyword}\" at {d.TimeS:F2} s)")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"{state}; {audioSeconds:F1} s of audio; {detections} detection{(detections == 1 ? string.Empty : "s")}{tail}");
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 120 ? line : line[..117] + "...";
    }
}
