
using Kws.Detection.Composition;
using Kws.Detection.Model;
using Kws.Detection.Pipeline;

namespace EdgeService.Hosting;

/// <summary>Loads the configured model file again and builds its pipeline stage, as at start (for <see cref="ModelReloader"/>).</summary>
internal static class ModelSwap
{
    /// <summary>Opens and checks the model file and composes its stage; the model is disposed again if the stage cannot be made.</summary>
    /// <param name="settings">The service's detection settings (the same as at start).</param>
    /// <returns>The stage, owning the newly loaded model.</returns>
    public static ModelStage LoadStage(DetectionSettings settings)
    {
        var model = ModelLoader.Open(settings.Model);
        try
        {
            return PipelineComposer.ComposeStage(model, settings);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
