using System.Globalization;
using System.Text;
using System.Text.Json;
using Trainer.Evaluation;
using Trainer.Report;

namespace Trainer.StreamEval;

/// <summary>Writes a soak's soak.json and soak.svg (memory over audio time), and its short text table.</summary>
internal static class SoakReport
{
    /// <summary>Writes the files into <paramref name="folder"/> (created if absent); returns their paths.</summary>
    public static IReadOnlyList<string> Write(SoakResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, "soak.json");
        var svg = Path.Combine(folder, "soak.svg");
        File.WriteAllText(json, JsonSerializer.Serialize(result, EvaluationReport.JsonOptions));
        const double MiB = 1 << 20;
        File.WriteAllText(svg, SvgCharts.Lines("Memory during the soak", "audio (minutes)", "MiB", [
            new SvgCharts.Series("RSS", result.Samples.Select(s => (s.AudioS / 60, s.RssBytes / MiB)).ToList()),
            new SvgCharts.Series("GC committed", result.Samples.Select(s => (s.AudioS / 60, s.GcCommittedBytes / MiB)).ToList()),
            new SvgCharts.Series("managed heap", result.Samples.Select(s => (s.AudioS / 60, s.ManagedBytes / MiB)).ToList())], 0));
        return [json, svg];
    }

    /// <summary>The summary as a few lines of text.</summary>
    public static string Table(SoakResult r)
    {
        const double MiB = 1 << 20;
        var t = new StringBuilder();
        t.AppendLine(CultureInfo.InvariantCulture, $"audio {r.AudioS / 60:F1} min in {r.WallS:F1} s wall ({r.RealTimeFactor:F0}x real time); {r.Detections} detections, {r.Inferences} inferences, gate open {r.GateOpenShare:P0}");
        t.AppendLine(CultureInfo.InvariantCulture, $"looped audio held in memory: {r.LoopAudioBytes / MiB:F1} MiB (in the managed heap and RSS below)");
        t.AppendLine(CultureInfo.InvariantCulture, $"CPU: {r.CpuSecondsPerAudioHour:F1} s per hour of audio ({r.CoreShareInRealTime:P2} of one core in real time)");
        t.AppendLine(CultureInfo.InvariantCulture, $"{"",-16}{"warm-up",12}{"end",12}{"growth",12}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{"audio (min)",-16}{r.WarmedUp.AudioS / 60,12:F1}{r.End.AudioS / 60,12:F1}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{"managed (MiB)",-16}{r.WarmedUp.ManagedBytes / MiB,12:F2}{r.End.ManagedBytes / MiB,12:F2}{r.ManagedGrowthBytes / MiB,12:F2}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{"GC heap* (MiB)",-16}{r.WarmedUp.GcHeapBytes / MiB,12:F2}{r.End.GcHeapBytes / MiB,12:F2}{(r.End.GcHeapBytes - r.WarmedUp.GcHeapBytes) / MiB,12:F2}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{"RSS (MiB)",-16}{r.WarmedUp.RssBytes / MiB,12:F2}{r.End.RssBytes / MiB,12:F2}{r.RssGrowthBytes / MiB,12:F2}");
        t.AppendLine(CultureInfo.InvariantCulture, $"{"GC gen0/1/2",-16}{$"{r.WarmedUp.Gen0}/{r.WarmedUp.Gen1}/{r.WarmedUp.Gen2}",12}{$"{r.End.Gen0}/{r.End.Gen1}/{r.End.Gen2}",12}");
        t.AppendLine(CultureInfo.InvariantCulture, $"allocated after warm-up: {r.PipelineAllocatedBytesAfterWarmup} bytes inside the pipeline; {r.AllocatedBytesPerAudioHourAfterWarmup / 1024:F1} KiB per hour of audio on its thread, the soak's readings included");
        t.AppendLine("* heap size at the last collection (0 while none has run)");
        t.Append(CultureInfo.InvariantCulture, $"memory {(r.MemoryFlat ? "FLAT" : "GROWING")} (managed {(r.ManagedFlat ? "flat" : "grew")}, RSS {(r.RssFlat ? "flat" : "grew")}); rule: {SoakResult.FlatRule}");
        return t.ToString();
    }
}
