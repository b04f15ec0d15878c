using System.CommandLine;
using System.Globalization;
using EdgeService.Detection;
using EdgeService.Hosting;
using Kws.Audio.Wav;
using Kws.Detection.Composition;
using Kws.Detection.Pipeline;

namespace EdgeService.Cli;

/// <summary>
/// <c>kws-edge detect FILE</c>: replays a recording through the service's own pipeline (<see cref="DetectionReplay"/>)
/// as fast as possible and prints each detection with its time in the recording. The file is read block by block, so
/// a recording of hours takes the memory of one of seconds.
/// </summary>
internal static class DetectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A WAV recording (any rate, format and channel count the reader takes)" };
        var command = new Command("detect", "Replay a recording through the detection pipeline as fast as possible and print each detection.") { file };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => EdgeErrors.Guard(() =>
        {
            var settings = ServiceSettings.Load(EdgeCli.Overrides(parse));
            var json = parse.GetValue(EdgeCli.Json);
            var result = Detect(parse.GetValue(file)!, settings.Detection, new PrintingSink(json));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Detections} detections in {result.AudioSeconds:F1} s of audio, processed in {result.ProcessingSeconds:F2} s ({result.RealTimeFactor:F0}x real time)"));
            return 0;
        }));
        return command;
    }

    /// <summary>Replays <paramref name="path"/> through a pipeline composed from <paramref name="settings"/>; each detection goes to <paramref name="sink"/>.</summary>
    public static ReplayResult Detect(string path, DetectionSettings settings, IDetectionSink sink)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"recording '{path}' does not exist", path);
        }

        using var reader = WavStreamReader.Open(path); // a bad recording is named before the model is loaded
        using var replay = new DetectionReplay(settings, [sink]);
        return replay.Replay(reader);
    }

    private sealed class PrintingSink(bool json) : IDetectionSink
    {
        public void OnDetection(in KeywordDetection detection) =>
            Console.WriteLine(json
                ? JsonDetectionSink.Format(detection)
                : string.Create(CultureInfo.InvariantCulture, $"{detection.TimeS,9:F2} s  {detection.Keyword,-6} score {detection.Score:F3}"));
    }
}
