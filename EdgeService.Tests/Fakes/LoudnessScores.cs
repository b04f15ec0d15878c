namespace EdgeService.Tests.Fakes;

/// <summary>Scores for a <see cref="ScriptedKeywordModel"/> over the labels yes, no, _silence_, _unknown_: "yes" while some frames of the input are loud.</summary>
internal static class LoudnessScores
{
    /// <summary>
    /// "yes" (0.95) when any mel band of the frames from <paramref name="newestSkipped"/> to
    /// <paramref name="newestSkipped"/> + <paramref name="frames"/> back from the newest has a log energy above 0,
    /// else silence (0.97).
    /// </summary>
    public static void YesWhenLoud(float[] input, float[] scores, int frames, int newestSkipped = 0, int melBins = 40)
    {
        var max = float.MinValue;
        for (var i = input.Length - ((newestSkipped + frames) * melBins); i < input.Length - (newestSkipped * melBins); i++)
        {
            max = Math.Max(max, input[i]);
        }

        var loud = max > 0;
        scores[0] = loud ? 0.95f : 0.01f;
        scores[1] = 0.01f;
        scores[2] = loud ? 0.02f : 0.97f;
        scores[3] = 0.01f;
    }
}
