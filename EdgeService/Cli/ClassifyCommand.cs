using Kws.Detection.Model;
using Kws.Detection.Pipeline;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeService.Hosting;
using Kws.Audio.Clips;
using Kws.Audio.Features;
using Kws.Audio;
using Kws.Audio.Wav;

namespace EdgeService.Cli;

/// <summary>
/// <c>kws-edge classify PATH...</c>: one-second clips (or folders of them) through the model, one result per file:
/// the label and every score. Longer recordings are cut to their loudest second, shorter ones centred in silence.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "WAV files or folders of WAV files", Arity = ArgumentArity.OneOrMore };
        var command = new Command("classify", "Classify one-second clips (files or folders): print the label and all scores per file.") { paths };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse => EdgeErrors.Guard(() =>
        {
            // The paths argument takes every word after the command, so --Section:Key=value settings among them are picked out here.
            var given = parse.GetValue(paths)!;
            var settings = ServiceSettings.Load([.. given.Where(EdgeCli.IsSetting), .. EdgeCli.Overrides(parse)]);
            var json = parse.GetValue(EdgeCli.Json);
            var files = Expand([.. given.Where(g => !EdgeCli.IsSetting(g))]);
            using var model = ModelLoader.Open(settings.Model);
            var contract = model.Contract;
            var frontEnd = new LogMelSpectrogram(contract.FrontEnd);
            var failed = 0;
            foreach (var file in files)
            {
                try
                {
                    var audio = AudioFiles.ReadMono(file, contract.FrontEnd.SampleRateHz);
                    WarnIfLong(file, audio.Length, contract.SamplesPerInput, contract.FrontEnd.SampleRateHz);
                    var clip = ClipFitter.FitToLength(audio, contract.SamplesPerInput);
                    frontEnd.Compute(clip, model.Input);
                    contract.Normalization.Apply(model.Input);
                    model.Run(IKeywordModel.AllNew);
                    Print(file, contract.Labels, model.Scores, json);
                }
                catch (WavFormatException e)
                {
                    failed++;
                    Console.Error.WriteLine($"error: {e.Message}");
                }
            }

            return failed == 0 ? 0 : 2;
        }));
        return command;
    }

    /// <summary>
    /// A recording much longer than the model's window gets one label for its loudest second only: said once per
    /// file on standard error (standard output keeps one result per file), with the command that reads all of it.
    /// </summary>
    private static void WarnIfLong(string file, int samples, int window, int sampleRateHz)
    {
        if (samples > window * 3 / 2)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"note: {file} is {samples / (double)sampleRateHz:0.#} s long; classify scores its loudest {window / (double)sampleRateHz:0.##} s only (kws-edge detect {file} finds every keyword in it)"));
        }
    }

    private static List<string> Expand(string[] paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"'{path}' is neither a file nor a folder", path);
            }
        }

        return files;
    }

    private static void Print(string file, IReadOnlyList<string> labels, ReadOnlySpan<float> scores, bool json)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            best = scores[i] > scores[best] ? i : best;
        }

        if (json)
        {
            var map = new Dictionary<string, double>();
            for (var i = 0; i < labels.Count; i++)
            {
                map[labels[i]] = Math.Round(scores[i], 4);
            }

            Console.WriteLine(JsonSerializer.Serialize(new { file, label = labels[best], scores = map }));
            return;
        }

        var parts = new List<string>();
        for (var i = 0; i < labels.Count; i++)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{labels[i]} {scores[i]:F3}"));
        }

        Console.WriteLine($"{file}: {labels[best]} ({string.Join(", ", parts)})");
    }
}
