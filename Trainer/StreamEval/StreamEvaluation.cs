using Kws.Detection.Model;
using System.Globalization;
using Trainer.Evaluation;

namespace Trainer.StreamEval;

/// <summary>Where a stream's words came from, for the report.</summary>
/// <param name="Data">The folders (or recording) the words came from.</param>
/// <param name="Speakers">Distinct speakers (or voices).</param>
/// <param name="Clips">Clips (or sentences) available per group.</param>
/// <param name="Noise">The noise folder, if any.</param>
internal sealed record StreamSource(string Data, int Speakers, IReadOnlyDictionary<string, int> Clips, string? Noise);

/// <summary>
/// evaluate-stream's work: one stream layout (same words, same noise cuts) mixed at each SNR, each mix replayed through
/// the service's pipeline with the settings as given and, for a sweep, its smoother's input replayed once per
/// threshold (<see cref="SmootherTape"/>).
/// </summary>
internal static class StreamEvaluation
{
    /// <summary>Builds the stream from <paramref name="data"/> and runs every pass; <paramref name="progress"/> gets one line per finished pass.</summary>
    public static StreamEvaluationResult Run(StreamData data, StreamOptions options, IReadOnlyList<double> snrs, IReadOnlyList<string> overrides,
        IReadOnlyList<double> sweep, int threads, string split, Action<string> progress)
    {
        var clean = StreamBuilder.Build(data.Keywords, data.Others, data.Noise, options);
        var source = new StreamSource(data.Folder, data.Speakers, new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["keyword"] = data.Keywords.Count,
            ["other"] = data.Others.Count,
        }, data.NoiseFolder);
        return Run(clean, source, options, snrs, overrides, sweep, threads, split, progress);
    }

    /// <summary>Runs every pass on a stream made elsewhere (<paramref name="clean"/>, e.g. read speech), described by <paramref name="source"/>.</summary>
    public static StreamEvaluationResult Run(CleanStream clean, StreamSource source, StreamOptions options, IReadOnlyList<double> snrs, IReadOnlyList<string> overrides,
        IReadOnlyList<double> sweep, int threads, string split, Action<string> progress)
    {
        IReadOnlyList<string> keywords;
        Dictionary<string, object> settings;
        string model;
        using (var probe = new PipelineSession(PipelineSettings.Build(overrides)))
        {
            keywords = probe.Keywords;
            var s = probe.Settings;
            model = probe.ModelPath;
            settings = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["gate_enabled"] = s.Gate.Enabled,
                ["gate_margin_db"] = s.Gate.MarginDb,
                ["gate_hang_ms"] = s.Gate.HangMs,
                ["inference_hop_ms"] = s.Pipeline.InferenceHopMs,
                ["smoother_window_ms"] = s.Smoother.WindowMs,
                ["smoother_min_count"] = s.Smoother.MinCount,
                ["smoother_refractory_ms"] = s.Smoother.RefractoryMs,
                ["default_thresholds"] = probe.Thresholds,
            };
        }

        progress(string.Create(CultureInfo.InvariantCulture,
            $"stream: {clean.DurationS / 60:F1} min, {clean.Words.Count} words ({string.Join(", ", WordCounts(clean.Words, keywords).Select(kv => $"{kv.Key} {kv.Value}"))})"));
        var results = new List<SnrResult>();
        foreach (var snr in snrs)
        {
            var mixed = SnrMixer.Mix(clean, snr);
            var measured = SnrMixer.Measure(clean.Speech, mixed, clean.Words);
            // One pass with the model; the sweep replays what reached its smoother at each threshold (exactly the
            // detections a pass of its own would give), two passes' worth of work instead of one per threshold.
            var runs = new StreamRunResult[sweep.Count + 1];
            runs[0] = StreamRunner.Run(mixed, clean.Words, overrides, null, out var tape);
            progress(Describe(snr, runs[0]));
            Parallel.For(0, sweep.Count, new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount }, i =>
            {
                var t = sweep[i];
                runs[i + 1] = StreamRunner.Replay(tape, runs[0], clean.Words, PipelineSettings.WithThreshold(overrides, keywords, t), t);
                progress(Describe(snr, runs[i + 1]));
            });
            results.Add(new SnrResult(snr, measured, clean.DurationS, WordCounts(clean.Words, keywords), runs[0], runs[1..]));
        }

        return new StreamEvaluationResult
        {
            Model = model,
            Data = source.Data,
            Split = split,
            Speakers = source.Speakers,
            Clips = source.Clips,
            Noise = source.Noise,
            Stream = options,
            Overrides = overrides.Where(o => !o.StartsWith("--Model:Path=", StringComparison.Ordinal)).ToList(),
            Settings = settings,
            Definitions = Definitions,
            Streams = results,
        };
    }

    /// <summary>The threshold values of a sweep from <paramref name="min"/> to <paramref name="max"/> (inclusive) in steps of <paramref name="step"/>.</summary>
    public static IReadOnlyList<double> SweepValues(double min, double max, double step)
    {
        if (!(step > 0) || !(min >= 0) || !(max <= 1) || min > max)
        {
            throw new ArgumentException($"threshold sweep {min}..{max} step {step} is invalid: need 0 <= min <= max <= 1 and step > 0");
        }

        var values = new List<double>();
        for (var i = 0; min + (i * step) <= max + 1e-9; i++)
        {
            values.Add(Math.Round(min + (i * step), 4));
        }

        return values;
    }

    /// <summary>One progress line for a finished pass.</summary>
    public static string Describe(double snr, StreamRunResult run)
    {
        var which = run.Threshold is { } t ? string.Create(CultureInfo.InvariantCulture, $"threshold {t:0.00}") : "default  ";
        var perKeyword = string.Join("; ", run.Score.Keywords.Select(kv => string.Create(CultureInfo.InvariantCulture,
            $"{kv.Key} {kv.Value.HitRate:P1} hits, {kv.Value.FalseAlarmsPerHour:F1} FA/h")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{snr,5:0.#} dB  {which}  {perKeyword}; all {run.Score.FalseAlarms.PerHour:F1} FA/h  ({run.ProcessingS:F1} s, {run.RealTimeFactor:F0}x real time)");
    }

    private static Dictionary<string, int> WordCounts(IReadOnlyList<PlacedWord> words, IReadOnlyList<string> keywords)
    {
        var counts = keywords.ToDictionary(k => k, k => words.Count(w => w.Keyword == k), StringComparer.Ordinal);
        counts["other"] = words.Count(w => w.Keyword is null);
        return counts;
    }

    private static Dictionary<string, string> Definitions { get; } = new(StringComparer.Ordinal)
    {
        ["snr"] = "10*log10(P_speech/P_noise): P_speech = mean square of the clean words over their measured extents, P_noise = mean square of the added noise over the whole stream; every word is scaled to the same level, noise segments to the same power",
        ["word_extent"] = "first to last 10 ms frame of the clip within 20 dB of its loudest frame",
        ["hit"] = "a detection of the right keyword between the word's start and 1 s after its end (the first one counts)",
        ["false_alarm"] = "every other detection: the other keyword, inside another word's window, a repeat of a word already hit, or outside every word",
        ["false_alarms_per_hour"] = "false alarms (of that keyword, or all) per hour of stream",
        ["latency"] = "detection time (end of the hop that fired) minus the word's end, over hits; median and 90th percentile",
    };
}
