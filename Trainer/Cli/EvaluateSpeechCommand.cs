using Kws.Audio.Wav;
using Kws.Audio;
using System.CommandLine;
using Trainer.Data;
using Trainer.StreamEval;

namespace Trainer.Cli;

/// <summary>
/// <c>kws-trainer evaluate-speech</c>: a recording of read sentences (<c>scripts/make-read-speech.sh</c>) through the
/// service's pipeline: sentences holding "yes" or "no" found, false alarms per hour in running speech.
/// </summary>
internal static class EvaluateSpeechCommand
{
    public static Command Create()
    {
        var speech = new Option<string>("--speech") { Description = "Folder with read-speech.wav and segments.json (scripts/make-read-speech.sh)", Required = true };
        var model = new Option<string>("--model") { Description = "The ONNX model", Required = true };
        var noise = new Option<string?>("--noise") { Description = "Background-noise folder, for --snr-db other than Infinity" };
        var split = new Option<string>("--split") { Description = "With --hold-out-noise: whose part of the noise (test or validation)", DefaultValueFactory = _ => "test" };
        var holdOutNoise = new Option<bool>("--hold-out-noise") { Description = "Mix only the split's part of each noise recording (as train --hold-out-noise holds it out)" };
        var snr = new Option<double[]>("--snr-db") { Description = "Speech-to-noise ratio in dB (repeatable; Infinity: no noise)", DefaultValueFactory = _ => [double.PositiveInfinity] };
        var output = new Option<string>("--out") { Description = "Folder for metrics.json, det.svg, det.html", Required = true };
        var sweep = new Option<bool>("--threshold-sweep") { Description = "Also score every threshold (both keywords), for the trade-off picture" };
        var sweepMin = new Option<double>("--sweep-min") { Description = "Lowest swept threshold", DefaultValueFactory = _ => 0.3 };
        var sweepMax = new Option<double>("--sweep-max") { Description = "Highest swept threshold", DefaultValueFactory = _ => 0.95 };
        var sweepStep = new Option<double>("--sweep-step") { Description = "Threshold step", DefaultValueFactory = _ => 0.05 };
        var command = new Command("evaluate-speech",
            "Replay a recording of read sentences through the service's pipeline: keyword sentences found and false alarms per hour in running speech; "
            + "service settings as --Section:Key=value.")
        {
            speech, model, noise, split, holdOutNoise, snr, output, sweep, sweepMin, sweepMax, sweepStep,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => TrainerErrors.Guard(() =>
        {
            var which = parse.GetValue(split)!;
            var dataSplit = HeldOutSplit.Parse(which);
            var overrides = PipelineSettings.Overrides(parse, parse.GetValue(model)!);
            var sweepValues = parse.GetValue(sweep)
                ? StreamEvaluation.SweepValues(parse.GetValue(sweepMin), parse.GetValue(sweepMax), parse.GetValue(sweepStep))
                : [];
            var snrs = parse.GetValue(snr) ?? [double.PositiveInfinity];
            var noiseFolder = parse.GetValue(noise);
            if (noiseFolder is null && snrs.Any(double.IsFinite))
            {
                throw new ArgumentException("--snr-db other than Infinity needs --noise");
            }

            var recordings = new List<float[]>();
            if (noiseFolder is not null)
            {
                if (!Directory.Exists(noiseFolder))
                {
                    throw new DataException($"noise folder '{noiseFolder}' does not exist");
                }

                var defaults = new Training.TrainOptions();
                foreach (var file in Directory.EnumerateFiles(noiseFolder, "*.wav").Order(StringComparer.Ordinal))
                {
                    var n = Kws.Audio.Wav.AudioFiles.ReadMono(file, StreamBuilder.SampleRateHz);
                    recordings.Add(parse.GetValue(holdOutNoise) ? HeldOutNoise.Portion(n, dataSplit, defaults.ValidationPercent, defaults.TestPercent) : n);
                }
            }

            var options = new StreamOptions { Seed = 1 };
            var (clean, source) = ReadSpeech.Load(parse.GetValue(speech)!, recordings, noiseFolder, options.Seed);
            options = options with { Minutes = clean.DurationS / 60, KeywordShare = clean.Words.Count(w => w.Keyword is not null) / (double)clean.Words.Count };
            var gate = new object();
            var result = StreamEvaluation.Run(clean, source, options, snrs, overrides, sweepValues, 0, which,
                line => { lock (gate) { Console.WriteLine(line); } });
            foreach (var file in StreamReport.Write(result, parse.GetValue(output)!))
            {
                Console.WriteLine($"Wrote {file}");
            }

            return 0;
        }));
        return command;
    }
}
