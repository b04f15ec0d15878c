using Trainer.Engine;
using Trainer.Engine.Models;
using Trainer.Training;

namespace Trainer.Tests.Training;

/// <summary>What a streaming run costs, checked against the whole-window count: one more frame in the window is one more output frame of every convolution.</summary>
public class ModelCostTests
{
    [Theory]
    [InlineData("matchboxnet-stream")]
    [InlineData("dscnn-stream")]
    public void AStreamingRunCostsWhatOneMoreFrameOfWindowCostsPerNewFrame(string architecture)
    {
        Sequential Make(int frames)
        {
            var model = architecture == "dscnn-stream"
                ? DsCnn.Create(16, channels: 24, blocks: 4, streamable: true)
                : MatchboxNet.Create(16, 40, channels: 32, blocks: 3, streamable: true);
            model.Build(new SampleShape(1, frames, 40), 1, 1);
            return model;
        }

        var window = Make(98);
        var perFrame = ModelCost.MultiplyAdds(Make(99)) - ModelCost.MultiplyAdds(window);
        var classifier = window.Layers.OfType<Trainer.Engine.Layers.Linear>().Sum(l => (long)l.InFeatures * l.OutFeatures);
        Assert.Equal((perFrame * 100) + (classifier * 20), ModelCost.MultiplyAddsPerSecond(window, streaming: true));
        Assert.Equal(ModelCost.MultiplyAdds(window) * 20, ModelCost.MultiplyAddsPerSecond(window, streaming: false));

        // Streaming does about a twentieth of the whole-window work at 5 new frames of 98 (more where the window's edges are trimmed).
        Assert.InRange(ModelCost.MultiplyAddsPerSecond(window, streaming: true), ModelCost.MultiplyAddsPerSecond(window, streaming: false) / 25, ModelCost.MultiplyAddsPerSecond(window, streaming: false) / 3);
    }
}
