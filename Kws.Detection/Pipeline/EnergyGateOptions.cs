using Kws.Detection.Options;

namespace Kws.Detection.Pipeline;

/// <summary>Settings of the energy gate that lets the pipeline skip inference on quiet audio.</summary>
public sealed class EnergyGateOptions : ISelfValidatingOptions
{
    /// <summary>The section name in configuration.</summary>
    public const string Section = "Gate";

    /// <summary>When false the gate is always open (every hop goes to the model). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How far above the noise floor a frame's energy must be to open the gate, in dB. Default 5 dB: at 10 dB words in loud noise (0 dB SNR) were skipped and half of them missed (docs/stream-eval).</summary>
    public double MarginDb { get; set; } = 5;

    /// <summary>How long the gate stays open after the last loud frame, in milliseconds of the sample clock. Default 1000 ms (as in appsettings.json and in every stream evaluation).</summary>
    public int HangMs { get; set; } = 1000;

    /// <summary>How fast the noise floor may rise toward a louder frame, in dB per second of audio (slow). Default 3 dB/s.</summary>
    public double FloorRiseDbPerSecond { get; set; } = 3;

    /// <summary>How fast the noise floor may fall toward a quieter frame, in dB per second of audio (quick). Default 60 dB/s.</summary>
    public double FloorFallDbPerSecond { get; set; } = 60;

    /// <summary>The lowest the noise floor goes, in dBFS, so that digital silence does not make any dither open the gate. Default -90 dBFS.</summary>
    public double MinFloorDbfs { get; set; } = -90;

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!double.IsFinite(MarginDb) || MarginDb is < 0 or > 60)
        {
            problems.Add($"Energy gate MarginDb is {MarginDb}; it must be between 0 and 60 dB.");
        }

        if (HangMs is < 0 or > 60_000)
        {
            problems.Add($"Energy gate HangMs is {HangMs}; it must be between 0 and 60000 ms.");
        }

        if (!double.IsFinite(FloorRiseDbPerSecond) || FloorRiseDbPerSecond <= 0)
        {
            problems.Add($"Energy gate FloorRiseDbPerSecond is {FloorRiseDbPerSecond}; it must be a positive number of dB per second.");
        }

        if (!double.IsFinite(FloorFallDbPerSecond) || FloorFallDbPerSecond <= 0)
        {
            problems.Add($"Energy gate FloorFallDbPerSecond is {FloorFallDbPerSecond}; it must be a positive number of dB per second.");
        }

        if (!double.IsFinite(MinFloorDbfs) || MinFloorDbfs is < EnergyGate.SilenceDbfs or > 0)
        {
            problems.Add($"Energy gate MinFloorDbfs is {MinFloorDbfs}; it must be between {EnergyGate.SilenceDbfs} and 0 dBFS.");
        }

        return problems;
    }
}
