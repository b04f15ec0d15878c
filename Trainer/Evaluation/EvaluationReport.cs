using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainer.Evaluation;

/// <summary>What an evaluation found: accuracy, per-class recall, the confusion matrix and the keyword trade-off; written as JSON.</summary>
internal sealed record EvaluationReport
{
    public required string Split { get; init; }
    public required int Clips { get; init; }
    public required double Accuracy { get; init; }
    public required IReadOnlyDictionary<string, double> Recall { get; init; }

    /// <summary>The 95% Wilson interval of each class's recall (it shows how few clips a figure rests on).</summary>
    public required IReadOnlyDictionary<string, WilsonInterval> RecallInterval { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required int[][] Confusion { get; init; }
    public required IReadOnlyList<TradeOff.Point> TradeOff { get; init; }

    /// <summary>Share of silence and unknown clips predicted as a keyword (argmax).</summary>
    public required double NegativesTakenForKeyword { get; init; }

    /// <summary>The 95% Wilson interval of <see cref="NegativesTakenForKeyword"/>.</summary>
    public required WilsonInterval NegativesTakenForKeywordInterval { get; init; }

    /// <summary>Every speaker with an error (<see cref="Evaluation.SpeakerErrors"/>), most errors first.</summary>
    public required IReadOnlyList<SpeakerErrors> SpeakerErrors { get; init; }

    /// <summary>One line on how the errors spread over speakers.</summary>
    public required string SpeakerSummary { get; init; }

    /// <summary>Builds the report of scored clips.</summary>
    public static EvaluationReport From(string split, IReadOnlyList<ScoredClip> clips, IReadOnlyList<string> labels)
    {
        var matrix = new ConfusionMatrix(labels);
        foreach (var c in clips)
        {
            matrix.Add(c.Truth, c.Predicted);
        }

        var isKeyword = labels.Select(l => !l.StartsWith('_')).ToArray();
        var negatives = clips.Where(c => !isKeyword[c.Truth]).ToList();
        var negativesTaken = negatives.Count(c => isKeyword[c.Predicted]);
        var speakerErrors = Evaluation.SpeakerErrors.Of(clips, labels);
        return new EvaluationReport
        {
            Split = split,
            Clips = clips.Count,
            Accuracy = matrix.Accuracy,
            Recall = Enumerable.Range(0, labels.Count).ToDictionary(i => labels[i], matrix.Recall),
            RecallInterval = Enumerable.Range(0, labels.Count).ToDictionary(i => labels[i], i => WilsonInterval.Of(matrix[i, i], matrix.RowTotal(i))),
            Labels = labels,
            Confusion = matrix.ToRows(),
            TradeOff = Evaluation.TradeOff.Compute(clips, labels),
            NegativesTakenForKeyword = negatives.Count == 0 ? double.NaN : (double)negativesTaken / negatives.Count,
            NegativesTakenForKeywordInterval = WilsonInterval.Of(negativesTaken, negatives.Count),
            SpeakerErrors = speakerErrors,
            SpeakerSummary = Evaluation.SpeakerErrors.Describe(speakerErrors,
                clips.Where(c => isKeyword[c.Truth]).Select(c => Data.SpeakerSplitter.SpeakerOf(c.Path)).Distinct().Count()),
        };
    }

    /// <summary>Indented JSON (NaN written as a string, as JSON has no NaN).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
