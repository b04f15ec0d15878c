namespace Trainer.StreamEval;

/// <summary>
/// Scores detections against placed words. A detection of keyword K at time t is a hit when t lies in the hit window
/// [start, end + <see cref="HitWindowAfterEndS"/>] of a word that is K and not yet hit; every other detection is a
/// false alarm: the other keyword (wrong keyword), in a non-keyword word's window (other word), a second detection of
/// a word already hit (repeat), or outside every window (no word). Latency is t minus the word's end.
/// </summary>
internal static class StreamScorer
{
    /// <summary>How long after a word's end a detection still counts for it, in seconds.</summary>
    public const double HitWindowAfterEndS = 1.0;

    /// <summary>Scores <paramref name="detections"/> (any order) on a stream of <paramref name="durationS"/> seconds.</summary>
    public static StreamScore Score(IReadOnlyList<PlacedWord> words, IEnumerable<StreamDetection> detections, double durationS, IReadOnlyList<string> keywords)
    {
        var hit = new bool[words.Count];
        var latencies = keywords.ToDictionary(k => k, _ => new List<double>(), StringComparer.Ordinal);
        var falseAlarms = keywords.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        int wrong = 0, other = 0, none = 0, repeat = 0;
        var byWord = new Dictionary<string, int>(StringComparer.Ordinal);
        var events = new List<FalseAlarmEvent>();
        void Event(StreamDetection d, string kind, PlacedWord? w) =>
            events.Add(new FalseAlarmEvent(d.TimeS, d.Keyword, d.Score, kind, w?.Label, d.TimeS - w?.StartS, d.TimeS - w?.EndS, w?.File));
        foreach (var d in detections.OrderBy(d => d.TimeS))
        {
            var inWindow = Enumerable.Range(0, words.Count)
                .Where(i => d.TimeS >= words[i].StartS && d.TimeS <= words[i].EndS + HitWindowAfterEndS).ToList();
            var match = inWindow.Where(i => words[i].Keyword == d.Keyword && !hit[i]).Cast<int?>().FirstOrDefault();
            if (match is { } m)
            {
                hit[m] = true;
                latencies.GetValueOrDefault(d.Keyword)?.Add(d.TimeS - words[m].EndS);
                continue;
            }

            falseAlarms[d.Keyword] = falseAlarms.GetValueOrDefault(d.Keyword) + 1;
            if (inWindow.Any(i => words[i].Keyword == d.Keyword))
            {
                repeat++;
                Event(d, "repeat", words[inWindow.First(i => words[i].Keyword == d.Keyword)]);
            }
            else if (inWindow.Any(i => words[i].Keyword is not null))
            {
                wrong++;
                var w = words[inWindow.First(i => words[i].Keyword is not null)];
                Count(byWord, $"{w.Label}→{d.Keyword}");
                Event(d, "wrong keyword", w);
            }
            else if (inWindow.Count > 0)
            {
                other++;
                Count(byWord, $"{words[inWindow[0]].Label}→{d.Keyword}");
                Event(d, "other word", words[inWindow[0]]);
            }
            else
            {
                none++;
                Event(d, "no word", null);
            }
        }

        var hours = durationS / 3600;
        var perKeyword = keywords.ToDictionary(k => k, k =>
        {
            var of = Enumerable.Range(0, words.Count).Where(i => words[i].Keyword == k).ToList();
            var lat = latencies[k];
            return new KeywordScore(of.Count, of.Count(i => hit[i]), falseAlarms[k], falseAlarms[k] / hours,
                lat.Count == 0 ? null : Percentile(lat, 0.5), lat.Count == 0 ? null : Percentile(lat, 0.9), Recordings(events.Where(e => e.Keyword == k)));
        }, StringComparer.Ordinal);
        var total = falseAlarms.Values.Sum();
        var ranked = byWord.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        return new StreamScore(durationS, perKeyword, new FalseAlarmCounts(total, total / hours, wrong, other, none, repeat, ranked, Recordings(events), events));
    }

    /// <summary>Different recordings among false alarms on words (a repeat counts with the word it repeats), plus those on no word.</summary>
    private static int Recordings(IEnumerable<FalseAlarmEvent> events)
    {
        var list = events.ToList();
        return list.Where(e => e.File is not null).Select(e => e.File).Distinct(StringComparer.Ordinal).Count() + list.Count(e => e.File is null);
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>The <paramref name="q"/> quantile by linear interpolation between order statistics.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no values to take a percentile of", nameof(values));
        }

        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((pos - lo) * (sorted[hi] - sorted[lo]));
    }
}
