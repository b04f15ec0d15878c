using Kws.Detection.Model;
using System.Diagnostics;

namespace Trainer.StreamEval;

/// <summary>
/// A soak: a recording looped through one pipeline (the sample clock runs on; no gap) for
/// <see cref="SoakOptions.Minutes"/> of audio, as fast as it goes or in real time, reading the process every
/// <see cref="SoakOptions.SampleEveryS"/> seconds of audio. Detections are only counted, so nothing of the soak's own grows.
/// </summary>
internal static class SoakRunner
{
    /// <summary>Runs the soak; <paramref name="onSample"/> gets each reading as it is taken.</summary>
    public static SoakResult Run(float[] loop, IReadOnlyList<string> overrides, SoakOptions options, string source, Action<SoakSample> onSample)
    {
        if (loop.Length < 1600)
        {
            throw new ArgumentException($"soak audio '{source}' is shorter than 0.1 s");
        }

        if (!(options.Minutes > 0) || !(options.SampleEveryS > 0))
        {
            throw new ArgumentException($"soak of {options.Minutes} min with a reading every {options.SampleEveryS} s: both must be positive");
        }

        using var session = new PipelineSession(PipelineSettings.Build(overrides), keepDetections: false);
        using var probe = new ProcessProbe();
        const int Chunk = 1600;
        const double Rate = StreamBuilder.SampleRateHz;
        var total = (long)Math.Round(options.Minutes * 60 * Rate);
        var every = (long)Math.Round(options.SampleEveryS * Rate);
        var samples = new List<SoakSample>((int)Math.Min(100_000, (total / every) + 2)) { probe.Read(0, 0, 0) };
        onSample(samples[0]);
        var clock = Stopwatch.StartNew();
        long pos = 0, next = every, pipelineAllocated = 0;
        while (pos < total)
        {
            var offset = (int)(pos % loop.Length);
            var n = (int)Math.Min(Math.Min(Chunk, loop.Length - offset), Math.Min(total, next) - pos);
            var before = GC.GetAllocatedBytesForCurrentThread();
            session.Feed(loop.AsSpan(offset, n), pos);
            pipelineAllocated += GC.GetAllocatedBytesForCurrentThread() - before;
            pos += n;
            if (options.Realtime)
            {
                var ahead = (pos / Rate) - clock.Elapsed.TotalSeconds;
                if (ahead > 0.001)
                {
                    Thread.Sleep(TimeSpan.FromSeconds(ahead));
                }
            }

            if (pos >= next || pos == total)
            {
                var s = probe.Read(pos / Rate, pipelineAllocated, session.DetectionCount);
                samples.Add(s);
                onSample(s);
                next += every;
            }
        }

        var snapshot = session.Stats.TakeSnapshot(StreamBuilder.SampleRateHz);
        var warm = samples.FirstOrDefault(s => s.AudioS >= options.EffectiveWarmupS) ?? samples[^1];
        var end = samples[^1];
        var first = samples[0];
        var afterWarmHours = (end.AudioS - warm.AudioS) / 3600;
        return new SoakResult
        {
            Model = session.ModelPath,
            Source = source,
            Options = options,
            Overrides = overrides.Where(o => !o.StartsWith("--Model:Path=", StringComparison.Ordinal)).ToList(),
            LoopAudioBytes = loop.LongLength * sizeof(float),
            AudioS = end.AudioS,
            WallS = end.WallS,
            CpuSecondsPerAudioHour = (end.CpuS - first.CpuS) / Math.Max(end.AudioS / 3600, 1e-12),
            AllocatedBytesPerAudioHourAfterWarmup = afterWarmHours > 0 ? (end.AllocatedBytes - warm.AllocatedBytes) / afterWarmHours : 0,
            PipelineAllocatedBytesAfterWarmup = end.PipelineAllocatedBytes - warm.PipelineAllocatedBytes,
            Detections = session.DetectionCount,
            Inferences = snapshot.Inferences,
            GateOpenShare = snapshot.GateOpenShare,
            WarmedUp = warm,
            End = end,
            Samples = samples,
        };
    }
}
