using Kws.Audio.Wav;
using Kws.Audio;
using System.Text.Json;
using System.Text.Json.Serialization;
using Trainer.Data;

namespace Trainer.StreamEval;

/// <summary>
/// A long recording of read sentences and where each sentence is, with the keyword it holds, if any
/// (<c>scripts/make-read-speech.sh</c> writes <c>read-speech.wav</c> and <c>segments.json</c>). Each sentence becomes
/// one placed "word" of a stream, so that a sentence holding "no" is hit when "no" is detected while it is read (or
/// within 1 s after), and every other detection is a false alarm.
/// </summary>
internal static class ReadSpeech
{
    /// <summary>The recording's file name inside its folder.</summary>
    public const string AudioFile = "read-speech.wav";

    /// <summary>The sentence list's file name inside its folder.</summary>
    public const string SegmentsFile = "segments.json";

    /// <summary>Reads the folder as a clean stream (noise from <paramref name="noise"/>, cut with <paramref name="seed"/>) and its description.</summary>
    public static (CleanStream Stream, StreamSource Source) Load(string folder, IReadOnlyList<float[]> noise, string? noiseFolder, int seed)
    {
        var audioPath = Path.Combine(folder, AudioFile);
        var segmentsPath = Path.Combine(folder, SegmentsFile);
        foreach (var file in new[] { audioPath, segmentsPath })
        {
            if (!File.Exists(file))
            {
                throw new DataException($"read-speech folder '{folder}' has no {Path.GetFileName(file)} (scripts/make-read-speech.sh makes it)");
            }
        }

        var audio = Kws.Audio.Wav.AudioFiles.ReadMono(audioPath, StreamBuilder.SampleRateHz);
        List<Segment>? segments;
        try
        {
            segments = JsonSerializer.Deserialize<List<Segment>>(File.ReadAllText(segmentsPath));
        }
        catch (JsonException e)
        {
            throw new DataException($"{segmentsPath} is not a list of segments: {e.Message}");
        }

        if (segments is null || segments.Count == 0)
        {
            throw new DataException($"{segmentsPath} lists no sentences");
        }

        var words = new List<PlacedWord>();
        foreach (var s in segments)
        {
            var start = (long)Math.Round(s.StartS * StreamBuilder.SampleRateHz);
            var end = (long)Math.Round(s.EndS * StreamBuilder.SampleRateHz);
            if (start < 0 || end <= start || end > audio.LongLength || s.Keyword is not (null or "yes" or "no"))
            {
                throw new DataException($"{segmentsPath}: the sentence at {s.StartS} s (to {s.EndS} s, keyword '{s.Keyword}') lies outside the recording or names another keyword");
            }

            words.Add(new PlacedWord(s.Keyword ?? "sentence", s.Keyword, $"{s.Voice}: {s.Text}", start, end));
        }

        var track = NoiseTrack.Build(noise, audio.LongLength, new Random(unchecked((seed * 7919) + 104729)));
        var clips = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["yes sentences"] = segments.Count(s => s.Keyword == "yes"),
            ["no sentences"] = segments.Count(s => s.Keyword == "no"),
            ["other sentences"] = segments.Count(s => s.Keyword is null),
        };
        var voices = segments.Select(s => s.Voice).Distinct().Count();
        return (new CleanStream(audio, track, words), new StreamSource(Path.GetFullPath(audioPath), voices, clips, noiseFolder));
    }

    private sealed record Segment(
        [property: JsonPropertyName("start_s")] double StartS,
        [property: JsonPropertyName("end_s")] double EndS,
        [property: JsonPropertyName("keyword")] string? Keyword,
        [property: JsonPropertyName("voice")] string? Voice,
        [property: JsonPropertyName("text")] string? Text);
}
