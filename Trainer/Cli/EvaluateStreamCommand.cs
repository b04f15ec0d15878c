using System.CommandLine;
using Trainer.Data;
using Trainer.StreamEval;

namespace Trainer.Cli;

/// <summary>
/// <c>kws-trainer evaluate-stream</c>: a long stream of held-out speakers' words in background noise, replayed through
/// the service's own pipeline: hit rate, false alarms per hour and latency per keyword, and a threshold sweep.
/// </summary>
internal static class EvaluateStreamCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Speech Commands-layout folder (or one holding speech_commands/)", Required = true };
        var negatives = new Option<string[]>("--negatives") { Description = "Folder of other words to add (repeatable), e.g. other_words" };
        var noise = new Option<string?>("--noise") { Description = "Background-noise folder of long recordings (default: _background_noise_ in or beside --data)" };
        var model = new Option<string>("--model") { Description = "The ONNX model", Required = true };
        var split = new Option<string>("--split") { Description = "Whose words: test or validation speakers (held out by speaker hash, as in train)", DefaultValueFactory = _ => "test" };
        var snr = new Option<double[]>("--snr-db") { Description = "Speech-to-noise ratio in dB (repeatable)", DefaultValueFactory = _ => [10] };
        var minutes = new Option<double>("--minutes") { Description = "Length of the stream", DefaultValueFactory = _ => 30 };
        var seed = new Option<int>("--seed") { Description = "Seed of word choice, gaps and noise cuts", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for metrics.json, det.svg, det.html", Required = true };
        var sweep = new Option<bool>("--threshold-sweep") { Description = "Also run once per threshold (both keywords), for the trade-off picture" };
        var sweepMin = new Option<double>("--sweep-min") { Description = "Lowest swept threshold", DefaultValueFactory = _ => 0.3 };
        var sweepMax = new Option<double>("--sweep-max") { Description = "Highest swept threshold", DefaultValueFactory = _ => 0.95 };
        var sweepStep = new Option<double>("--sweep-step") { Description = "Threshold step", DefaultValueFactory = _ => 0.05 };
        var threads = new Option<int>("--threads") { Description = "Pipeline passes run at once (0 = all cores)", DefaultValueFactory = _ => 0 };
        var holdOutNoise = new Option<bool>("--hold-out-noise") { Description = "Mix only the split's part of each noise recording (as train --hold-out-noise holds it out)" };
        var command = new Command("evaluate-stream",
            "Replay a long stream of held-out speakers' words in noise through the service's pipeline: hit rate, false alarms per hour, latency; "
            + "service settings as --Section:Key=value (e.g. --Gate:Enabled=false --Smoother:MinCount=2).")
        {
            data, negatives, noise, model, split, snr, minutes, seed, output, sweep, sweepMin, sweepMax, sweepStep, threads, holdOutNoise,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var which = parse.GetValue(split)!;
            var dataSplit = HeldOutSplit.Parse(which);
            var length = parse.GetValue(minutes);
            if (!(length > 0.1) || length > 24 * 60)
            {
                throw new ArgumentException($"--minutes is {length}; it must be between 0.1 and 1440");
            }

            var overrides = PipelineSettings.Overrides(parse, parse.GetValue(model)!);
            var sweepValues = parse.GetValue(sweep)
                ? StreamEvaluation.SweepValues(parse.GetValue(sweepMin), parse.GetValue(sweepMax), parse.GetValue(sweepStep))
                : [];
            Console.Error.WriteLine($"Reading the {which} speakers' clips ...");
            var streamData = StreamData.Load(parse.GetValue(data)!, parse.GetValue(noise), parse.GetValue(negatives) ?? [], dataSplit, parse.GetValue(holdOutNoise));
            foreach (var skipped in streamData.Skipped)
            {
                Console.Error.WriteLine($"skipped {skipped}");
            }

            Console.Error.WriteLine($"{streamData.Keywords.Count} keyword clips, {streamData.Others.Count} other words, {streamData.Speakers} speakers, {streamData.Noise.Count} noise recordings");
            var options = new StreamOptions { Minutes = length, Seed = parse.GetValue(seed) };
            var gate = new object();
            var result = StreamEvaluation.Run(streamData, options, parse.GetValue(snr) ?? [10], overrides, sweepValues, parse.GetValue(threads), which,
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
