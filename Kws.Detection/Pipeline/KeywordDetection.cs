namespace Kws.Detection.Pipeline;

/// <summary>
/// One keyword detection. (Named <c>KeywordDetection</c>, not <c>Detection</c>: a type named like its namespace
/// <c>EdgeService.Detection</c> would be shadowed by that namespace in all code under <c>EdgeService</c>.)
/// </summary>
/// <param name="Keyword">The keyword's label, as the model names it (e.g. "yes").</param>
/// <param name="TimeS">When: the time of the hop that fired, in seconds since the start of the stream (sample clock), i.e. <paramref name="SampleIndex"/> / sample rate.</param>
/// <param name="Score">The keyword's smoothed score at that hop, in [0, 1].</param>
/// <param name="SampleIndex">The absolute sample index of the hop that fired (the sample clock position the caller gave for that hop).</param>
public readonly record struct KeywordDetection(string Keyword, double TimeS, float Score, long SampleIndex);
