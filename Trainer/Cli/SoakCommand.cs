using Kws.Audio.Wav;
using Kws.Audio;
using System.CommandLine;
using System.Globalization;
using Trainer.Data;
using Trainer.StreamEval;

namespace Trainer.Cli;

/// <summary>
/// <c>kws-trainer soak</c>: hours of audio through the service's pipeline, reading memory, CPU and GC as it goes:
/// does memory stay flat, and what does an hour of audio cost.
/// </summary>
internal static class SoakCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The ONNX model", Required = true };
        var minutes = new Option<double>("--minutes") { Description = "Audio to process, in minutes", DefaultValueFactory = _ => 60 };
        var realtime = new Option<bool>("--realtime") { Description = "Pace the audio in real time (default: as fast as possible)" };
        var data = new Option<string?>("--data") { Description = "Build the audio from this Speech Commands-layout folder (as evaluate-stream does), looped" };
        var negatives = new Option<string[]>("--negatives") { Description = "With --data: folder of other words to add (repeatable)" };
        var noise = new Option<string?>("--noise") { Description = "With --data: background-noise folder (default: _background_noise_ in or beside --data)" };
        var split = new Option<string>("--split") { Description = "With --data: test or validation speakers", DefaultValueFactory = _ => "test" };
        var snr = new Option<double>("--snr-db") { Description = "With --data: speech-to-noise ratio in dB", DefaultValueFactory = _ => 10 };
        var loopMinutes = new Option<double>("--loop-minutes") { Description = "With --data: length of the generated stream that is looped", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "With --data: seed of the stream", DefaultValueFactory = _ => 1 };
        var wav = new Option<string?>("--wav") { Description = "Loop this recording instead of a generated stream" };
        var every = new Option<double>("--sample-every-s") { Description = "Read the process every this many seconds of audio", DefaultValueFactory = _ => 60 };
        var warmup = new Option<double?>("--warmup-s") { Description = "Audio before the memory baseline (default 10% of the run, 60 to 300 s)" };
        var output = new Option<string>("--out") { Description = "Folder for soak.json and soak.svg", DefaultValueFactory = _ => "out/soak" };
        var command = new Command("soak",
            "Replay hours of audio through the service's pipeline and read memory (managed heap, GC, RSS), CPU time and GC counts every N seconds of audio; "
            + "service settings as --Section:Key=value.")
        {
            model, minutes, realtime, data, negatives, noise, split, snr, loopMinutes, seed, wav, every, warmup, output,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => TrainerErrors.Guard(() =>
        {
            var overrides = PipelineSettings.Overrides(parse, parse.GetValue(model)!);
            var (audio, source) = Audio(parse.GetValue(data), parse.GetValue(wav), parse.GetValue(negatives) ?? [], parse.GetValue(noise),
                parse.GetValue(split)!, parse.GetValue(snr), parse.GetValue(loopMinutes), parse.GetValue(seed));
            // The clips and the clean parts of the stream are garbage now: collect them, so the soak's baseline is the pipeline plus the looped audio.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var options = new SoakOptions
            {
                Minutes = parse.GetValue(minutes),
                Realtime = parse.GetValue(realtime),
                SampleEveryS = parse.GetValue(every),
                WarmupS = parse.GetValue(warmup),
            };
            Console.WriteLine($"soak: {options.Minutes} min of audio from {source}{(options.Realtime ? ", in real time" : ", as fast as possible")}");
            Console.WriteLine($"{"audio min",10}{"wall s",9}{"cpu s",9}{"managed MiB",13}{"GC heap MiB",13}{"RSS MiB",9}{"gen0/1/2",12}{"detections",12}");
            var result = SoakRunner.Run(audio, overrides, options, source, s => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.AudioS / 60,10:F1}{s.WallS,9:F1}{s.CpuS,9:F1}{s.ManagedBytes / 1048576.0,13:F2}{s.GcHeapBytes / 1048576.0,13:F2}{s.RssBytes / 1048576.0,9:F1}{$"{s.Gen0}/{s.Gen1}/{s.Gen2}",12}{s.Detections,12}")));
            Console.WriteLine(SoakReport.Table(result));
            foreach (var file in SoakReport.Write(result, parse.GetValue(output)!))
            {
                Console.WriteLine($"Wrote {file}");
            }

            return 0;
        }));
        return command;
    }

    private static (float[] Audio, string Source) Audio(string? data, string? wav, IReadOnlyList<string> negatives, string? noise, string split,
        double snr, double loopMinutes, int seed)
    {
        if ((data is null) == (wav is null))
        {
            throw new ArgumentException("give either --data DIR (a generated stream, looped) or --wav FILE (a recording, looped)");
        }

        if (wav is not null)
        {
            if (!File.Exists(wav))
            {
                throw new FileNotFoundException($"recording '{wav}' does not exist", wav);
            }

            var audio = Kws.Audio.Wav.AudioFiles.ReadMono(wav, ClipLoader.SampleRateHz);
            return (audio, string.Create(CultureInfo.InvariantCulture, $"{Path.GetFullPath(wav)} ({audio.Length / 16000.0:F1} s, looped)"));
        }

        var dataSplit = HeldOutSplit.Parse(split);
        if (!(loopMinutes >= 0.1))
        {
            throw new ArgumentException($"--loop-minutes is {loopMinutes}; it must be at least 0.1");
        }

        var streamData = StreamData.Load([data!], noise, negatives, dataSplit);
        var clean = StreamBuilder.Build(streamData.Keywords, streamData.Others, streamData.Noise, new StreamOptions { Minutes = loopMinutes, Seed = seed });
        return (SnrMixer.Mix(clean, snr), string.Create(CultureInfo.InvariantCulture,
            $"a {loopMinutes} min stream of {split} speakers' words at {snr} dB SNR from {streamData.Folder} ({clean.Words.Count} words, looped)"));
    }
}
