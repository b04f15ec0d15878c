
namespace Kws.Detection.Pipeline;

/// <summary>
/// Turns the keyword model's per-hop class scores into keyword detections. Contract:
/// <list type="bullet">
/// <item><b>Input.</b> One call of <see cref="Push"/> per hop the model ran on, with one score per label (in the order
/// of <see cref="Labels"/>, typically softmax posteriors in [0, 1]) and the absolute sample index the hop stands for
/// (the sample clock; non-decreasing). Keywords are the labels that do not start with '_' ("_silence_" and
/// "_unknown_" are not keywords).</item>
/// <item><b>Rule.</b> Each score is averaged over the last <see cref="WindowHops"/> hops. A keyword fires when its
/// smoothed score is at or above its threshold and is the highest among keywords for MinCount consecutive hops;
/// it fires once, at the hop where the run reaches MinCount. After a detection no keyword fires during the refractory
/// time (counted on the sample clock from the firing hop), and runs start again from zero after it.</item>
/// <item><b>Warm-up.</b> No detection until the window is full: after construction and after <see cref="Reset"/>.
/// The pipeline calls <see cref="Reset"/> when the energy gate re-opens after being closed longer than the window
/// (the scores in the window would be stale); the refractory time survives a reset.</item>
/// <item><b>Threading and cost.</b> Not thread-safe (pipeline thread). Allocation-free per hop.</item>
/// </list>
/// </summary>
public interface IPosteriorSmoother
{
    /// <summary>The model's class labels, in score order.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>The moving-average window, in hops.</summary>
    int WindowHops { get; }

    /// <summary>Whether the window is full (detections possible).</summary>
    bool IsWarm { get; }

    /// <summary>The latest smoothed score of every label, in label order (valid until the next <see cref="Push"/>).</summary>
    ReadOnlySpan<float> Smoothed { get; }

    /// <summary>Takes one hop's scores; returns true and the detection when a keyword fires at this hop.</summary>
    /// <param name="scores">One score per label, in label order.</param>
    /// <param name="sampleIndex">The absolute sample index of the hop (sample clock).</param>
    /// <param name="detection">The detection when the result is true; otherwise default.</param>
    /// <returns>Whether a keyword fired at this hop.</returns>
    bool Push(ReadOnlySpan<float> scores, long sampleIndex, out KeywordDetection detection);

    /// <summary>
    /// The sample index before which no keyword fires (the end of the refractory time of the last detection;
    /// <see cref="long.MinValue"/> before any). Set when another smoother takes over (a model swapped while running),
    /// so a keyword the old one has just reported is not reported again.
    /// </summary>
    long RefractoryUntilSample { get; set; }

    /// <summary>Empties the window and the runs: warm-up starts again. The refractory time is kept.</summary>
    void Reset();
}
