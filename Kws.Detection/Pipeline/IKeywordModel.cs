namespace Kws.Detection.Pipeline;

/// <summary>
/// The keyword model stage: one spectrogram image in, one probability per label out.
/// </summary>
/// <remarks>
/// Contract: the caller writes Frames x MelBins normalised log-mel values (oldest frame first) into
/// <see cref="Input"/>, calls <see cref="Run"/>, then reads <see cref="Scores"/> (in <see cref="Labels"/> order, summing
/// to 1). Tensors are allocated once; <see cref="Run"/> allocates nothing and is called from the pipeline thread only.
/// </remarks>
public interface IKeywordModel : IDisposable
{
    /// <summary>Class labels in output order; keywords are those not starting with '_'.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>Where the caller writes the next input.</summary>
    Span<float> Input { get; }

    /// <summary>The probabilities of the last <see cref="Run"/>.</summary>
    ReadOnlySpan<float> Scores { get; }

    /// <summary>Runs the model on <see cref="Input"/>.</summary>
    void Run();
}
