namespace Kws.Detection.Pipeline;

/// <summary>
/// Decides, frame by frame (one frame = one hop of the feature window, e.g. 10 ms), whether the audio is loud enough
/// to be worth running the keyword model on. Contract:
/// <list type="bullet">
/// <item><b>Threading.</b> Not thread-safe: the pipeline thread alone calls it. Allocation-free per frame.</item>
/// <item><b>Units.</b> Energies in dBFS: 10·log10 of the mean square of the samples, full scale = 1.0 (a full-scale
/// square wave is 0 dBFS, a full-scale sine -3 dBFS, digital silence <see cref="EnergyGate.SilenceDbfs"/>).
/// Time on the sample clock: frames are given with the absolute index of their first sample; frames must come in
/// order (gaps, e.g. after a ring-buffer overflow, are allowed).</item>
/// <item><b>Rule.</b> An adaptive noise floor follows the quiet level (quick to fall, slow to rise, in dB per second
/// of audio). A frame is loud when its energy exceeds floor + margin (the floor before this frame updates it). The
/// gate is open on a loud frame and for the hang time after the end of the last loud frame. Disabled = always open.</item>
/// <item><b>Use.</b> While closed the pipeline skips inference, but the features keep up. When the gate opens
/// (<see cref="JustOpened"/>) after being closed for longer than the model's input window, 1 s
/// (<see cref="ClosedSpanSamples"/>: none of the audio behind the smoother's older scores is still in the window), the
/// pipeline resets the posterior smoother; after a shorter pause those scores still describe audio in the window.</item>
/// </list>
/// The pipeline needs only these four members; <see cref="EnergyGate"/> also tells its floor and open share for tests
/// and tools.
/// </summary>
public interface IEnergyGate
{
    /// <summary>True when the latest frame opened the gate (it was closed, or this is the first frame).</summary>
    bool JustOpened { get; }

    /// <summary>When <see cref="JustOpened"/>: how long the gate had been closed before this frame, in samples (0 for an opening at the first frame).</summary>
    long ClosedSpanSamples { get; }

    /// <summary>The latest frame's energy, in dBFS.</summary>
    float LastEnergyDbfs { get; }

    /// <summary>Computes the frame's energy and decides.</summary>
    /// <param name="frame">The frame's mono samples (non-empty).</param>
    /// <param name="firstSampleIndex">The absolute sample index of <c>frame[0]</c>.</param>
    /// <returns>Whether the gate is open for this frame.</returns>
    bool Process(ReadOnlySpan<float> frame, long firstSampleIndex);
}
