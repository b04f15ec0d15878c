namespace Kws.Detection.Pipeline;

/// <summary>
/// The keyword model stage: one spectrogram image in, one probability per label out.
/// </summary>
/// <remarks>
/// Contract: the caller writes Frames x MelBins normalised log-mel values (oldest frame first) into
/// <see cref="Input"/>, calls <see cref="Run"/> saying how many of those frames are new since the previous run, then
/// reads <see cref="Scores"/> (in <see cref="Labels"/> order, summing to 1). The scores are those of the window in
/// <see cref="Input"/> whatever the model's kind: a whole-window model ignores the count, a streaming model computes
/// only the new frames when the count continues its last run (and the whole window otherwise), so a wrong count gives
/// wrong scores. Tensors are allocated once; in the steady state <see cref="Run"/> allocates nothing. Called from the
/// pipeline thread only.
/// </remarks>
public interface IKeywordModel : IDisposable
{
    /// <summary>Class labels in output order; keywords are those not starting with '_'.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>Where the caller writes the next input.</summary>
    Span<float> Input { get; }

    /// <summary>The probabilities of the last <see cref="Run"/>.</summary>
    ReadOnlySpan<float> Scores { get; }

    /// <summary>The count for a window that does not continue the previous run (the first, or after a reset).</summary>
    const int AllNew = int.MaxValue;

    /// <summary>Runs the model on <see cref="Input"/>.</summary>
    /// <param name="newFrames">Frames of <see cref="Input"/> that are new since the previous run (the newest ones), or <see cref="AllNew"/>.</param>
    void Run(int newFrames);
}
