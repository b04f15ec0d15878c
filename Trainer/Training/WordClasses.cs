using Trainer.Data;

namespace Trainer.Training;

/// <summary>
/// Optional finer training targets: after the four output classes (<see cref="ClassLabels"/>), one class per named
/// negative word of the real data ("down", "go", … and each negatives folder), so that the model learns "go" and "no"
/// as two words rather than "no" against a mixed bag. Everything else that is <c>_unknown_</c> (the data set's own
/// <c>_unknown_</c> folder, synthetic words) keeps the plain <c>_unknown_</c> class. The model's output, in the
/// engine's scores and in the exported file alike, adds the probabilities of every word class into <c>_unknown_</c>,
/// so the model contract (four labels) does not change. Training class <c>4 + i</c> is word <c>words[i]</c>.
/// </summary>
internal static class WordClasses
{
    /// <summary>The named negative words of <paramref name="training"/> with at least <paramref name="minClips"/> clips, sorted.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<Clip> training, int minClips = 20) =>
        training.Where(c => c.Ref.ClassIndex == ClassLabels.Unknown && !c.Ref.FromExtraFolder && c.Ref.Source != "_unknown_")
            .GroupBy(c => c.Ref.Source, StringComparer.Ordinal)
            .Where(g => g.Count() >= minClips)
            .Select(g => g.Key)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Training classes in all: the four output classes and the words.</summary>
    public static int Count(IReadOnlyList<string> words) => ClassLabels.All.Count + words.Count;

    /// <summary>The training target of <paramref name="example"/>: its word's class when it has one (two words run together have none), else its class.</summary>
    public static int TargetOf(Example example, IReadOnlyList<string> words)
    {
        if (words.Count > 0 && example is { ClassIndex: ClassLabels.Unknown, Clip: { } clip, Neighbour: null })
        {
            for (var i = 0; i < words.Count; i++)
            {
                if (string.Equals(words[i], clip.Ref.Source, StringComparison.Ordinal))
                {
                    return ClassLabels.All.Count + i;
                }
            }
        }

        return example.ClassIndex;
    }

    /// <summary>The four output probabilities from the training classes' probabilities: every word class added into <c>_unknown_</c>.</summary>
    public static float[] Collapse(ReadOnlySpan<float> probabilities)
    {
        var output = probabilities[..ClassLabels.All.Count].ToArray();
        for (var i = ClassLabels.All.Count; i < probabilities.Length; i++)
        {
            output[ClassLabels.Unknown] += probabilities[i];
        }

        return output;
    }

    /// <summary>The same sum as a matrix [classes, 4] (row-major) for the exported graph: probabilities × matrix.</summary>
    public static float[] CollapseMatrix(int classes)
    {
        var outputs = ClassLabels.All.Count;
        var matrix = new float[classes * outputs];
        for (var i = 0; i < classes; i++)
        {
            matrix[(i * outputs) + (i < outputs ? i : ClassLabels.Unknown)] = 1;
        }

        return matrix;
    }
}
