namespace Trainer.StreamEval;

/// <summary>Everything evaluate-stream measured, as written to metrics.json.</summary>
internal sealed record StreamEvaluationResult
{
    /// <summary>The model file.</summary>
    public required string Model { get; init; }

    /// <summary>The Speech Commands–layout folder.</summary>
    public required string Data { get; init; }

    /// <summary>The speakers used: test or validation (held out from training).</summary>
    public required string Split { get; init; }

    /// <summary>Distinct speakers of the split among the clips.</summary>
    public required int Speakers { get; init; }

    /// <summary>Clips available per group (keywords, other words), before placing.</summary>
    public required IReadOnlyDictionary<string, int> Clips { get; init; }

    /// <summary>The noise folder.</summary>
    public required string? Noise { get; init; }

    /// <summary>The stream layout.</summary>
    public required StreamOptions Stream { get; init; }

    /// <summary>The service settings given on the command line.</summary>
    public required IReadOnlyList<string> Overrides { get; init; }

    /// <summary>The pipeline settings in force (gate, smoother, hop).</summary>
    public required IReadOnlyDictionary<string, object> Settings { get; init; }

    /// <summary>How SNR, hits, false alarms and latency are defined.</summary>
    public required IReadOnlyDictionary<string, string> Definitions { get; init; }

    /// <summary>One entry per SNR.</summary>
    public required IReadOnlyList<SnrResult> Streams { get; init; }
}
