
using Kws.Detection.Pipeline;

namespace EdgeService.Hosting;

/// <summary>
/// Where the service loop finds a model that has replaced the one in use. Contract: <see cref="TryTake"/> is called
/// by the service loop between audio blocks, must not block or allocate when nothing is waiting, and hands each stage
/// over once; the caller then owns the stage's model (it swaps it in and disposes the one it replaces).
/// </summary>
internal interface IModelUpdates
{
    /// <summary>Takes the stage of a newly loaded model, if one is waiting.</summary>
    /// <param name="stage">The new stage when the result is true.</param>
    /// <returns>Whether one was waiting.</returns>
    bool TryTake(out ModelStage stage);
}
