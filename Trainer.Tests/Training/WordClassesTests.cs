using Trainer.Data;
using Trainer.Training;

namespace Trainer.Tests.Training;

/// <summary>Word classes: which words get one, each example's target, and the sum back into the four output classes.</summary>
public class WordClassesTests
{
    private static IEnumerable<Clip> Many(int count, int classIndex, string source) =>
        Enumerable.Range(0, count).Select(i => TestClips.Make($"{source}{i}", classIndex, source));

    [Fact]
    public void NamedRealNegativeWordsWithEnoughClipsGetAClassOthersStayUnknown()
    {
        var training = Many(3, ClassLabels.Yes, "yes")
            .Concat(Many(3, ClassLabels.Unknown, "go"))
            .Concat(Many(3, ClassLabels.Unknown, "down"))
            .Concat(Many(3, ClassLabels.Unknown, "other_words"))
            .Concat(Many(3, ClassLabels.Unknown, "_unknown_"))
            .Concat(Many(3, ClassLabels.Unknown, ClipRef.ExtraPrefix + "_unknown_"))
            .Concat(Many(2, ClassLabels.Unknown, "rare"))
            .ToList();

        var words = WordClasses.Find(training, minClips: 3);

        Assert.Equal(["down", "go", "other_words"], words);
        Assert.Equal(7, WordClasses.Count(words));
        Assert.Equal(5, WordClasses.TargetOf(new Example(training[3], ClassLabels.Unknown), words));
        Assert.Equal(ClassLabels.Unknown, WordClasses.TargetOf(new Example(training[12], ClassLabels.Unknown), words));
        Assert.Equal(ClassLabels.Unknown, WordClasses.TargetOf(new Example(training[^1], ClassLabels.Unknown), words));
        Assert.Equal(ClassLabels.Yes, WordClasses.TargetOf(new Example(training[0], ClassLabels.Yes), words));
        Assert.Equal(ClassLabels.Silence, WordClasses.TargetOf(new Example(null, ClassLabels.Silence), words));
        Assert.Equal(ClassLabels.Unknown, WordClasses.TargetOf(new Example(training[3], ClassLabels.Unknown), []));
    }

    [Fact]
    public void CollapseAddsEveryWordClassIntoUnknownAndTheMatrixDoesTheSame()
    {
        float[] probabilities = [0.1f, 0.2f, 0.05f, 0.15f, 0.3f, 0.12f, 0.08f];

        var collapsed = WordClasses.Collapse(probabilities);

        Assert.Equal([0.1f, 0.2f, 0.05f, 0.65f], collapsed, (a, b) => Math.Abs(a - b) < 1e-6f);
        var matrix = WordClasses.CollapseMatrix(probabilities.Length);
        for (var k = 0; k < 4; k++)
        {
            var product = 0f;
            for (var i = 0; i < probabilities.Length; i++)
            {
                product += probabilities[i] * matrix[(i * 4) + k];
            }

            Assert.Equal(collapsed[k], product, 6);
        }
    }
}
