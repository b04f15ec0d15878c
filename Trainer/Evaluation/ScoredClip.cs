namespace Trainer.Evaluation;

/// <summary>A clip's true class and the model's probabilities for it.</summary>
internal sealed record ScoredClip(int Truth, float[] Scores, string Path)
{
    /// <summary>The class with the highest probability.</summary>
    public int Predicted
    {
        get
        {
            var best = 0;
            for (var i = 1; i < Scores.Length; i++)
            {
                if (Scores[i] > Scores[best])
                {
                    best = i;
                }
            }

            return best;
        }
    }
}
