
using Kws.Detection.Pipeline;

namespace EdgeService.Tests.Fakes;

/// <summary>
/// A keyword model whose scores follow a script: <c>score(input, scores)</c> writes the scores for an input.
/// Counts its runs and disposals, so tests can check how often the pipeline ran it and who released it. Allocates
/// nothing itself.
/// </summary>
internal sealed class ScriptedKeywordModel(IReadOnlyList<string> labels, int inputSize, Action<float[], float[]> score) : IKeywordModel
{
    private readonly float[] _input = new float[inputSize];
    private readonly float[] _scores = new float[labels.Count];

    public int Runs { get; private set; }

    public int Disposals { get; private set; }

    public IReadOnlyList<string> Labels => labels;

    public Span<float> Input => _input;

    public ReadOnlySpan<float> Scores => _scores;

    /// <summary>The count of new frames each run was given, in order.</summary>
    public List<int> NewFrames { get; } = [];

    public void Run(int newFrames)
    {
        Runs++;
        NewFrames.Add(newFrames);
        score(_input, _scores);
    }

    public void Dispose() => Disposals++;
}
