using Trainer.Data;

namespace Trainer.Tests.Training;

/// <summary>Loaded training clips made in memory (16 silent samples each) for tests of planning and targets.</summary>
internal static class TestClips
{
    /// <summary>A training clip whose speaker id is <paramref name="name"/>.</summary>
    public static Clip Make(string name, int classIndex, string source) =>
        new(new float[16], new ClipRef($"/data/{name}.wav", classIndex, name, DataSplit.Train, source));
}
