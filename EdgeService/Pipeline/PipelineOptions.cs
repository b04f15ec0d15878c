namespace EdgeService.Pipeline;

/// <summary>How often the model runs (section <c>Pipeline</c>).</summary>
internal sealed class PipelineOptions : ISelfValidatingOptions
{
    /// <summary>The section name in configuration.</summary>
    public const string Section = "Pipeline";

    /// <summary>Time between model runs, in ms; a whole number of front-end hops (10 ms by default). Smaller reacts sooner and costs more CPU.</summary>
    public int InferenceHopMs { get; set; } = 50;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate() =>
        InferenceHopMs is < 10 or > 1000
            ? [$"Pipeline:InferenceHopMs is {InferenceHopMs}; it must be between 10 and 1000 ms."]
            : [];
}
