using Kws.Audio;
using Kws.Audio.Wav;

namespace Trainer.Data;

/// <summary>A clip read into memory: one second of 16 kHz mono audio and what it is.</summary>
internal sealed record Clip(float[] Audio, ClipRef Ref);

/// <summary>
/// Every clip of a dataset read into memory (about 64 KB a clip), with the long background-noise recordings and a
/// count of the files that could not be read (each named on the way, never a crash).
/// </summary>
internal sealed class LoadedDataset
{
    private LoadedDataset(IReadOnlyList<Clip> clips, IReadOnlyList<float[]> noise, IReadOnlyList<string> skipped)
    {
        Clips = clips;
        Noise = noise;
        Skipped = skipped;
    }

    /// <summary>All readable clips.</summary>
    public IReadOnlyList<Clip> Clips { get; }

    /// <summary>Background-noise recordings (16 kHz mono), for silence cuts and augmentation.</summary>
    public IReadOnlyList<float[]> Noise { get; }

    /// <summary>"path: problem" for every file that could not be read.</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>The clips of one split.</summary>
    public IEnumerable<Clip> In(DataSplit split) => Clips.Where(c => c.Ref.Split == split);

    /// <summary>The same data with other clips and noise (the unreadable files stay listed).</summary>
    public LoadedDataset With(IReadOnlyList<Clip> clips, IReadOnlyList<float[]> noise) => new(clips, noise, Skipped);

    /// <summary>Reads every clip (in parallel) and the noise; <paramref name="progress"/> gets (done, total).</summary>
    public static LoadedDataset Load(IReadOnlyList<ClipRef> refs, DatasetLayout layout, Action<int, int>? progress = null)
    {
        var clips = new Clip?[refs.Count];
        var skipped = new System.Collections.Concurrent.ConcurrentBag<string>();
        var done = 0;
        Parallel.For(0, refs.Count, i =>
        {
            try
            {
                clips[i] = new Clip(ClipLoader.Load(refs[i].Path), refs[i]);
            }
            catch (Exception e) when (e is WavFormatException or IOException or UnauthorizedAccessException)
            {
                skipped.Add($"{refs[i].Path}: {e.Message}");
            }

            var n = Interlocked.Increment(ref done);
            if (n % 200 == 0 || n == refs.Count)
            {
                progress?.Invoke(n, refs.Count);
            }
        });

        var noise = new List<float[]>();
        if (layout.Noise is not null)
        {
            foreach (var file in Directory.EnumerateFiles(layout.Noise, "*.wav").Order(StringComparer.Ordinal))
            {
                try
                {
                    noise.Add(Kws.Audio.Wav.AudioFiles.ReadMono(file, ClipLoader.SampleRateHz));
                }
                catch (Exception e) when (e is WavFormatException or IOException or UnauthorizedAccessException)
                {
                    skipped.Add($"{file}: {e.Message}");
                }
            }
        }

        return new LoadedDataset(clips.OfType<Clip>().ToList(), noise, skipped.Order(StringComparer.Ordinal).ToList());
    }
}
