using Kws.Detection.Options;

namespace Kws.Detection.Pipeline;

/// <summary>Settings of the audio ring buffer between the source and the pipeline thread.</summary>
public sealed class AudioRingBufferOptions : ISelfValidatingOptions
{
    /// <summary>The smallest capacity accepted, in milliseconds.</summary>
    public const int MinCapacityMs = 10;

    /// <summary>The largest capacity accepted, in milliseconds (one minute).</summary>
    public const int MaxCapacityMs = 60_000;

    /// <summary>
    /// How much audio the buffer holds, in milliseconds at the source's sample rate. When the pipeline falls further
    /// behind than this, the oldest samples are dropped (and counted). Default 2000 ms.
    /// </summary>
    public int CapacityMs { get; set; } = 2000;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (CapacityMs is < MinCapacityMs or > MaxCapacityMs)
        {
            problems.Add($"Ring buffer CapacityMs is {CapacityMs}; it must be between {MinCapacityMs} and {MaxCapacityMs} ms.");
        }

        return problems;
    }
}
