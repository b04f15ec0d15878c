using Kws.Detection.Options;

namespace Kws.Detection.Pipeline;

/// <summary>How often the model runs, and the gain on the audio before it (section <c>Pipeline</c>).</summary>
public sealed class PipelineOptions : ISelfValidatingOptions
{
    /// <summary>The section name in configuration.</summary>
    public const string Section = "Pipeline";

    /// <summary>Time between model runs, in ms; a whole number of front-end hops (10 ms by default). Smaller reacts sooner and costs more CPU.</summary>
    public int InferenceHopMs { get; set; } = 50;

    /// <summary>
    /// Gain on the audio before the energy gate and the front end, in dB (every source). The training keywords' loudest
    /// 10 ms lie at -29 to -9 dBFS (10th to 90th percentile, median -17), and the model misses much quieter speech (the
    /// test recording 30 dB down: 8 of 10 keywords; 45 dB down: none). A quiet microphone (an I2S MEMS microphone, or a
    /// speaker far away) needs this raised until the stats line's loudest 10 ms reach that range while someone says
    /// the words.
    /// </summary>
    public double InputGainDb { get; set; }

    /// <summary>Limits of <see cref="InputGainDb"/>, in dB.</summary>
    public const double MinInputGainDb = -20, MaxInputGainDb = 60;

    /// <summary>The linear factor for <see cref="InputGainDb"/>.</summary>
    public float InputGain => (float)Math.Pow(10, InputGainDb / 20);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (InferenceHopMs is < 10 or > 1000)
        {
            problems.Add($"Pipeline:InferenceHopMs is {InferenceHopMs}; it must be between 10 and 1000 ms.");
        }

        if (!double.IsFinite(InputGainDb) || InputGainDb is < MinInputGainDb or > MaxInputGainDb)
        {
            problems.Add($"Pipeline:InputGainDb is {InputGainDb}; it must be between {MinInputGainDb} and {MaxInputGainDb} dB.");
        }

        return problems;
    }
}
