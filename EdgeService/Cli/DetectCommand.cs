using System.CommandLine;
using System.Globalization;
using EdgeService.Detection;
using EdgeService.Hosting;
using EdgeService.Model;
using EdgeService.Pipeline;
using Kws.Audio;
using Kws.Audio.Wav;

namespace EdgeService.Cli;

/// <summary>
/// <c>kws-edge detect FILE</c>: replays a recording through the service's own pipeline classes as fast as possible
/// and prints each detection with its time in the recording.
/// </summary>
internal static class DetectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A WAV recording (any rate, format and channel count the reader takes)" };
        var command = new Command("detect", "Replay a recording through the detection pipeline as fast as possible and print each detection.") { file };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var settings = ServiceSettings.From(ServiceConfiguration.Build(EdgeCli.Overrides(parse)));
            var json = parse.GetValue(EdgeCli.Json);
            var result = Detect(parse.GetValue(file)!, settings, detection =>
                Console.WriteLine(json
                    ? JsonDetectionSink.Format(detection)
                    : string.Create(CultureInfo.InvariantCulture, $"{detection.TimeS,9:F2} s  {detection.Keyword,-6} score {detection.Score:F3}")));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Detections} detections in {result.AudioSeconds:F1} s of audio, processed in {result.ProcessingSeconds:F2} s ({result.AudioSeconds / Math.Max(result.ProcessingSeconds, 1e-9):F0}x real time)"));
            return 0;
        }));
        return command;
    }

    /// <summary>What a replay found and how fast it ran.</summary>
    public sealed record Result(int Detections, double AudioSeconds, double ProcessingSeconds);

    /// <summary>Replays <paramref name="path"/> through a pipeline composed from <paramref name="settings"/>; each detection goes to <paramref name="onDetection"/>.</summary>
    public static Result Detect(string path, ServiceSettings settings, Action<KeywordDetection> onDetection)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"recording '{path}' does not exist", path);
        }

        return Replay(AudioFiles.ReadMono(path, PipelineComposer.SampleRateHz), 0, settings, onDetection);
    }

    /// <summary>
    /// Replays <paramref name="audio"/> (mono, 16 kHz) through a pipeline composed from <paramref name="settings"/>, as
    /// the service would see it <paramref name="firstSampleIndex"/> samples after it started (0 for a recording).
    /// </summary>
    public static Result Replay(float[] audio, long firstSampleIndex, ServiceSettings settings, Action<KeywordDetection> onDetection)
    {
        using var model = ModelLoader.Open(settings.Model);
        var sink = new CallbackSink(onDetection);
        var pipeline = PipelineComposer.Compose(model, settings, [sink], new PipelineStats());
        var started = System.Diagnostics.Stopwatch.StartNew();
        const int Chunk = 1600;
        for (var pos = 0; pos < audio.Length; pos += Chunk)
        {
            pipeline.Process(audio.AsSpan(pos, Math.Min(Chunk, audio.Length - pos)), firstSampleIndex + pos);
        }

        return new Result(sink.Count, audio.Length / (double)PipelineComposer.SampleRateHz, started.Elapsed.TotalSeconds);
    }

    private sealed class CallbackSink(Action<KeywordDetection> callback) : IDetectionSink
    {
        public int Count { get; private set; }

        public void OnDetection(in KeywordDetection detection)
        {
            Count++;
            callback(detection);
        }
    }
}
