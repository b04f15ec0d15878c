
using Kws.Detection.Options;

namespace EdgeService.Leds;

/// <summary>Settings of the LED detection sink.</summary>
internal sealed class LedDetectionSinkOptions : ISelfValidatingOptions
{
    /// <summary>How long a keyword's LED stays lit after its latest detection, in milliseconds (wall clock). Default 1000 ms.</summary>
    public int OnMs { get; set; } = 1000;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (OnMs is < 1 or > 600_000)
        {
            problems.Add($"LED OnMs is {OnMs}; it must be between 1 and 600000 ms.");
        }

        return problems;
    }
}
