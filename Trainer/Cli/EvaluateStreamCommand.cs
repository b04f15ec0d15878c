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
        var data = new Option<string[]>("--data") { Description = "Speech Commands-layout folder (repeatable), or a folder holding the shared data's layout folders (speech_commands/, mini_speech_commands/, more_words/: every one there is read)", Required = true, AllowMultipleArgumentsPerToken = false };
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
        var sentenceWords = new Option<string>("--sentence-words") { Description = "Running speech: words per sentence, N or MIN-MAX, run together (default 1: one word at a time)", DefaultValueFactory = _ => "1" };
        var wordGap = new Option<string>("--word-gap-ms") { Description = "With --sentence-words: pause between the words of a sentence, MIN-MAX ms", DefaultValueFactory = _ => "0-120" };
        var keywordShare = new Option<double>("--keyword-share") { Description = "Probability that a placed word is a keyword (0: no keyword at all, for false alarms in running speech)", DefaultValueFactory = _ => new StreamOptions().KeywordShare };
        var holdOutNoise = new Option<bool>("--hold-out-noise") { Description = "Mix only the split's part of each noise recording (as train --hold-out-noise holds it out)" };
        var command = new Command("evaluate-stream",
            "Replay a long stream of held-out speakers' words in noise through the service's pipeline: hit rate, false alarms per hour, latency; "
            + "service settings as --Section:Key=value (e.g. --Gate:Enabled=false --Smoother:MinCount=2).")
        {
            data, negatives, noise, model, split, snr, minutes, seed, output, sweep, sweepMin, sweepMax, sweepStep, threads, sentenceWords, wordGap, keywordShare, holdOutNoise,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => TrainerErrors.Guard(() =>
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
            var streamData = StreamData.Load(parse.GetValue(data) ?? [], parse.GetValue(noise), parse.GetValue(negatives) ?? [], dataSplit, parse.GetValue(holdOutNoise));
            foreach (var skipped in streamData.Skipped)
            {
                Console.Error.WriteLine($"skipped {skipped}");
            }

            Console.Error.WriteLine($"{streamData.Keywords.Count} keyword clips, {streamData.Others.Count} other words, {streamData.Speakers} speakers, {streamData.Noise.Count} noise recordings");
            var (wordsMin, wordsMax) = Range(parse.GetValue(sentenceWords)!, "--sentence-words", 1, 100);
            var (gapMin, gapMax) = Range(parse.GetValue(wordGap)!, "--word-gap-ms", 0, 2000);
            var share = parse.GetValue(keywordShare);
            if (!(share >= 0 && share <= 1))
            {
                throw new ArgumentException($"--keyword-share is {share}; it must be from 0 to 1");
            }

            var options = new StreamOptions
            {
                Minutes = length,
                Seed = parse.GetValue(seed),
                SentenceWordsMin = wordsMin,
                SentenceWordsMax = wordsMax,
                WordGapMinS = gapMin / 1000.0,
                WordGapMaxS = gapMax / 1000.0,
                KeywordShare = share,
            };
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

    /// <summary>"N" or "MIN-MAX" as whole numbers within [<paramref name="lowest"/>, <paramref name="highest"/>].</summary>
    private static (int Min, int Max) Range(string text, string option, int lowest, int highest)
    {
        var parts = text.Split('-', 2);
        if (parts.Length > 0 && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var min)
            && (parts.Length == 1 ? min : int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : -1) is var max
            && min >= lowest && max >= min && max <= highest)
        {
            return (min, max);
        }

        throw new ArgumentException($"{option} is '{text}'; give N or MIN-MAX, whole numbers from {lowest} to {highest}");
    }
}
