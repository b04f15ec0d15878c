using Kws.Audio.Features;
using Trainer.Augment;
using Trainer.Data;
using Trainer.Engine;

namespace Trainer.Training;

/// <summary>
/// Turns examples into a batch of normalised log-mel images [N, 1, Frames, MelBins] in parallel: optional waveform
/// augmentation, the shared front end (the very code the service runs), normalisation, optional SpecAugment.
/// Per-thread front ends and scratch buffers are made once; each example's randomness comes from its own seed, so a
/// batch is the same whatever the thread count.
/// </summary>
internal sealed class Featurizer
{
    private readonly TrainOptions _options;
    private readonly WaveAugmenter _wave;
    private readonly SpecAugmenter _spec;
    private readonly LogMelSpectrogram[] _frontEnds;
    private readonly float[][] _scratch;
    private readonly int _threads;

    public Featurizer(TrainOptions options, IReadOnlyList<float[]> noise, int threads)
    {
        _options = options;
        _threads = Math.Max(1, threads);
        _wave = new WaveAugmenter(options.Augment, noise, options.FrontEnd.SampleRateHz);
        _spec = new SpecAugmenter(options.Augment);
        _frontEnds = Enumerable.Range(0, _threads).Select(_ => new LogMelSpectrogram(options.FrontEnd)).ToArray();
        _scratch = Enumerable.Range(0, _threads).Select(_ => new float[options.ClipSamples]).ToArray();
    }

    /// <summary>The normalisation applied after the front end; set once it has been measured.</summary>
    public FeatureNormalization Normalization { get; set; } = FeatureNormalization.Identity;

    /// <summary>Values per example.</summary>
    public int ExampleSize => _options.Frames * _options.FrontEnd.MelBins;

    /// <summary>Fills <paramref name="batch"/> with <paramref name="examples"/>; augments when <paramref name="augment"/>, seeding each example from <paramref name="seed"/> and its index.</summary>
    public void Fill(Tensor batch, IReadOnlyList<Example> examples, bool augment, long seed)
    {
        batch.N = examples.Count;
        Parallel.For(0, _threads, new ParallelOptions { MaxDegreeOfParallelism = _threads }, t =>
        {
            for (var i = t; i < examples.Count; i += _threads)
            {
                Featurize(examples[i], batch.Example(i), augment, Rng.DeriveSeed(seed, i), t);
            }
        });
    }

    /// <summary>The normalised features of one example (no augmentation) into <paramref name="destination"/>.</summary>
    public void Featurize(Example example, Span<float> destination) => Featurize(example, destination, false, 0, 0);

    private void Featurize(Example example, Span<float> destination, bool augment, int seed, int thread)
    {
        var wave = _scratch[thread];
        var rng = new Random(seed);
        if (example.Clip is null)
        {
            _wave.Silence(wave, rng);
        }
        else if (augment)
        {
            var unknown = example.ClassIndex == ClassLabels.Unknown;
            var partial = example.Neighbour is not null ? unknown : _wave.DrawPartialWord(unknown, rng);
            _wave.Augment(Fit(example.Clip.Audio), wave, rng, partial, example.Neighbour is { } n ? Fit(n.Audio) : default);
        }
        else
        {
            Fit(example.Clip.Audio).CopyTo(wave);
        }

        var frames = _frontEnds[thread].Compute(wave, destination);
        if (frames != _options.Frames)
        {
            throw new InvalidOperationException($"front end gave {frames} frames, expected {_options.Frames}");
        }

        Normalization.Apply(destination);
        if (augment)
        {
            _spec.Apply(destination, _options.Frames, _options.FrontEnd.MelBins, rng);
        }
    }

    private ReadOnlySpan<float> Fit(float[] audio) =>
        audio.Length >= _options.ClipSamples
            ? audio.AsSpan((audio.Length - _options.ClipSamples) / 2, _options.ClipSamples)
            : throw new InvalidOperationException($"clip of {audio.Length} samples is shorter than {_options.ClipSamples}");
}
