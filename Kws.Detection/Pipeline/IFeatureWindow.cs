namespace Kws.Detection.Pipeline;

/// <summary>
/// The feature window stage: the sliding log-mel "image" the model looks at, the last Frames frames of the audio,
/// kept up to date incrementally.
/// </summary>
/// <remarks>
/// Contract: <see cref="Push"/> takes mono samples at the front end's rate in chunks of any size and computes only
/// the frames those samples complete (never the whole window again). It allocates nothing and keeps up whether or
/// not the model runs, so the window is valid the moment the energy gate opens. Single-threaded: the pipeline
/// thread alone calls it.
/// </remarks>
public interface IFeatureWindow
{
    /// <summary>Frames in the window (the model input's time axis).</summary>
    int Frames { get; }

    /// <summary>Mel bands per frame.</summary>
    int MelBins { get; }

    /// <summary>Frames computed since start or <see cref="Reset"/>.</summary>
    long FramesProduced { get; }

    /// <summary>True once <see cref="Frames"/> frames have been computed, so the window holds real audio only.</summary>
    bool IsFull { get; }

    /// <summary>Consumes samples and returns how many new frames they completed.</summary>
    int Push(ReadOnlySpan<float> samples);

    /// <summary>Writes the window, oldest frame first, normalised as the model expects, into <paramref name="destination"/> (Frames x MelBins).</summary>
    void CopyTo(Span<float> destination);

    /// <summary>Forgets all frames and buffered samples.</summary>
    void Reset();
}
