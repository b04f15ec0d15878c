using Kws.Detection.Options;

namespace Kws.Detection.Pipeline;

/// <summary>
/// The moving-average, threshold, run-length and refractory smoother of <see cref="IPosteriorSmoother"/>. Running sums
/// are kept in double and recomputed exactly each time the window wraps, so they never drift.
/// </summary>
public sealed class PosteriorSmoother : IPosteriorSmoother
{
    private readonly string[] _labels;
    private readonly int[] _keywordClasses;
    private readonly float[] _thresholds; // per keyword, in _keywordClasses order
    private readonly int[] _runs;          // per keyword
    private readonly float[] _history;     // WindowHops x classes, ring
    private readonly double[] _sums;       // per class
    private readonly float[] _smoothed;    // per class
    private readonly int _classes;
    private readonly int _minCount;
    private readonly long _refractorySamples;
    private readonly int _sampleRateHz;

    private int _head;
    private int _filled;

    /// <summary>Makes a smoother for a model with the given labels.</summary>
    /// <param name="labels">The model's class labels in score order; those not starting with '_' are keywords (at least one).</param>
    /// <param name="options">The smoother's settings (validated here; every threshold key must be a keyword).</param>
    /// <param name="sampleRateHz">The sample clock's rate, in Hz.</param>
    /// <param name="hopSamples">The spacing of hops, in samples (converts <see cref="PosteriorSmootherOptions.WindowMs"/> to hops).</param>
    public PosteriorSmoother(IReadOnlyList<string> labels, PosteriorSmootherOptions options, int sampleRateHz, int hopSamples)
    {
        ArgumentNullException.ThrowIfNull(labels);
        SampleClock.RequireRate(sampleRateHz, "Posterior smoother");
        OptionsGuard.ThrowIfInvalid(options, "smoother options");
        if (hopSamples <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hopSamples), hopSamples, "Posterior smoother: the hop must be a positive number of samples.");
        }

        _labels = [.. labels];
        _classes = _labels.Length;
        if (_labels.Any(string.IsNullOrEmpty) || _labels.Distinct(StringComparer.Ordinal).Count() != _classes)
        {
            throw new ArgumentException($"Posterior smoother: labels must be distinct and non-empty (got: {string.Join(", ", _labels)}).", nameof(labels));
        }

        _keywordClasses = [.. Enumerable.Range(0, _classes).Where(i => !_labels[i].StartsWith('_'))];
        if (_keywordClasses.Length == 0)
        {
            throw new ArgumentException($"Posterior smoother: no keyword among the labels ({string.Join(", ", _labels)}); keywords are labels not starting with '_'.", nameof(labels));
        }

        foreach (var keyword in options.Thresholds.Keys)
        {
            if (!_keywordClasses.Any(i => _labels[i] == keyword))
            {
                throw new ArgumentException(
                    $"Posterior smoother: a threshold is set for '{keyword}', which is not a keyword of the model (keywords: {string.Join(", ", _keywordClasses.Select(i => _labels[i]))}).",
                    nameof(options));
            }
        }

        _thresholds = [.. _keywordClasses.Select(i => options.Thresholds.TryGetValue(_labels[i], out var t) ? t : options.DefaultThreshold)];
        _sampleRateHz = sampleRateHz;
        _minCount = options.MinCount;
        _refractorySamples = SampleClock.MsToSamples(options.RefractoryMs, sampleRateHz);
        WindowHops = (int)Math.Max(1, Math.Round(options.WindowMs * (sampleRateHz / 1000.0) / hopSamples, MidpointRounding.AwayFromZero));
        _runs = new int[_keywordClasses.Length];
        _history = new float[WindowHops * _classes];
        _sums = new double[_classes];
        _smoothed = new float[_classes];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Labels => _labels;

    /// <inheritdoc />
    public int WindowHops { get; }

    /// <inheritdoc />
    public bool IsWarm => _filled == WindowHops;

    /// <inheritdoc />
    public ReadOnlySpan<float> Smoothed => _smoothed;

    /// <inheritdoc />
    public long RefractoryUntilSample { get; set; } = long.MinValue;

    /// <summary>The threshold in force for <paramref name="keyword"/>.</summary>
    /// <param name="keyword">A keyword label.</param>
    /// <returns>Its threshold, in [0, 1].</returns>
    public float ThresholdOf(string keyword)
    {
        for (int k = 0; k < _keywordClasses.Length; k++)
        {
            if (_labels[_keywordClasses[k]] == keyword)
            {
                return _thresholds[k];
            }
        }

        throw new ArgumentException($"Posterior smoother: '{keyword}' is not a keyword of the model.", nameof(keyword));
    }

    /// <inheritdoc />
    public bool Push(ReadOnlySpan<float> scores, long sampleIndex, out KeywordDetection detection)
    {
        if (scores.Length != _classes)
        {
            throw new ArgumentException($"Posterior smoother: got {scores.Length} scores, expected one per label ({_classes}).", nameof(scores));
        }

        detection = default;
        AddToWindow(scores);
        if (_filled < WindowHops)
        {
            return false;
        }

        if (sampleIndex < RefractoryUntilSample)
        {
            Array.Clear(_runs);
            return false;
        }

        int best = 0;
        for (int k = 1; k < _keywordClasses.Length; k++)
        {
            if (_smoothed[_keywordClasses[k]] > _smoothed[_keywordClasses[best]])
            {
                best = k;
            }
        }

        for (int k = 0; k < _keywordClasses.Length; k++)
        {
            _runs[k] = k == best && _smoothed[_keywordClasses[k]] >= _thresholds[k] ? _runs[k] + 1 : 0;
        }

        if (_runs[best] < _minCount)
        {
            return false;
        }

        int cls = _keywordClasses[best];
        detection = new KeywordDetection(_labels[cls], SampleClock.SamplesToSeconds(sampleIndex, _sampleRateHz), _smoothed[cls], sampleIndex);
        RefractoryUntilSample = sampleIndex + _refractorySamples;
        Array.Clear(_runs);
        return true;
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_history);
        Array.Clear(_sums);
        Array.Clear(_smoothed);
        Array.Clear(_runs);
        _head = 0;
        _filled = 0;
    }

    private void AddToWindow(ReadOnlySpan<float> scores)
    {
        var slot = _history.AsSpan(_head * _classes, _classes);
        for (int c = 0; c < _classes; c++)
        {
            _sums[c] += scores[c] - slot[c]; // an unfilled slot holds zeros
        }

        scores.CopyTo(slot);
        _filled = Math.Min(_filled + 1, WindowHops);
        _head++;
        if (_head == WindowHops)
        {
            _head = 0;
            RecomputeSums();
        }

        for (int c = 0; c < _classes; c++)
        {
            _smoothed[c] = (float)(_sums[c] / _filled);
        }
    }

    private void RecomputeSums()
    {
        Array.Clear(_sums);
        for (int h = 0; h < WindowHops; h++)
        {
            var row = _history.AsSpan(h * _classes, _classes);
            for (int c = 0; c < _classes; c++)
            {
                _sums[c] += row[c];
            }
        }
    }
}
