namespace Kws.Onnx.Contract;

/// <summary>How a model file is run (metadata key <see cref="ModelContractKeys.Execution"/>).</summary>
public enum ModelExecution
{
    /// <summary>
    /// On the whole window every time: one input "features" [N, 1, Frames, MelBins], one output "scores" [N, labels].
    /// </summary>
    Window,

    /// <summary>
    /// On the new frames only, carrying state from run to run: input "features" [1, 1, T, MelBins] with T new frames
    /// (1 to Frames), every other input a state tensor of fixed shape whose next value is the output of the same name
    /// with <see cref="ModelContract.NextStateSuffix"/> appended, and the output "scores" [1, labels]. All states zero
    /// and the whole window as the T frames give the scores of that window; after that, each run on the frames that
    /// followed gives the scores of the window ending there (a model's state only ever holds frames its window still
    /// sees). Written with contract version 2.
    /// </summary>
    Streaming,
}
