using Kws.Detection.Options;

namespace Kws.Detection.Pipeline;

/// <summary>Settings of the posterior smoother that turns per-hop model scores into detections.</summary>
public sealed class PosteriorSmootherOptions : ISelfValidatingOptions
{
    /// <summary>The section name in configuration.</summary>
    public const string Section = "Smoother";

    /// <summary>The moving-average window, in milliseconds (rounded to whole hops, at least one). Default 300 ms.</summary>
    public int WindowMs { get; set; } = 300;

    /// <summary>The smoothed score a keyword needs to count toward firing, in [0, 1], unless <see cref="Thresholds"/> names it. Default 0.7.</summary>
    public float DefaultThreshold { get; set; } = 0.7f;

    /// <summary>Per-keyword thresholds in [0, 1] that override <see cref="DefaultThreshold"/>; keys are keyword labels (ordinal, case-sensitive).</summary>
    public Dictionary<string, float> Thresholds { get; } = new(StringComparer.Ordinal);

    /// <summary>How many consecutive hops a keyword's smoothed score must stay at or above its threshold (and be the highest keyword) to fire. Default 3.</summary>
    public int MinCount { get; set; } = 3;

    /// <summary>After a detection, how long no keyword fires again, in milliseconds of the sample clock. Default 1000 ms.</summary>
    public int RefractoryMs { get; set; } = 1000;

    /// <summary>An independent copy (its own <see cref="Thresholds"/>), for adding a model's suggestions without changing the settings.</summary>
    public PosteriorSmootherOptions Copy()
    {
        var copy = new PosteriorSmootherOptions { WindowMs = WindowMs, DefaultThreshold = DefaultThreshold, MinCount = MinCount, RefractoryMs = RefractoryMs };
        foreach (var (keyword, threshold) in Thresholds)
        {
            copy.Thresholds[keyword] = threshold;
        }

        return copy;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (WindowMs is < 1 or > 10_000)
        {
            problems.Add($"Smoother WindowMs is {WindowMs}; it must be between 1 and 10000 ms.");
        }

        if (!IsScore(DefaultThreshold))
        {
            problems.Add($"Smoother DefaultThreshold is {DefaultThreshold}; it must be a score between 0 and 1.");
        }

        foreach (var (keyword, threshold) in Thresholds)
        {
            if (string.IsNullOrWhiteSpace(keyword))
            {
                problems.Add("Smoother Thresholds has an empty keyword name.");
            }
            else if (!IsScore(threshold))
            {
                problems.Add($"Smoother threshold of '{keyword}' is {threshold}; it must be a score between 0 and 1.");
            }
        }

        if (MinCount is < 1 or > 1000)
        {
            problems.Add($"Smoother MinCount is {MinCount}; it must be between 1 and 1000 hops.");
        }

        if (RefractoryMs is < 0 or > 60_000)
        {
            problems.Add($"Smoother RefractoryMs is {RefractoryMs}; it must be between 0 and 60000 ms.");
        }

        return problems;
    }

    private static bool IsScore(float value) => float.IsFinite(value) && value is >= 0f and <= 1f;
}
