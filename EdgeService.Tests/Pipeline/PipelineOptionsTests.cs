
using Kws.Detection.Pipeline;

namespace EdgeService.Tests.Pipeline;

/// <summary>Pipeline settings: the inference hop and the input gain, each refused with its name outside its range.</summary>
public class PipelineOptionsTests
{
    [Theory]
    [InlineData(-20.0, 0.1)]
    [InlineData(0.0, 1.0)]
    [InlineData(30.0, 31.622776)]
    [InlineData(60.0, 1000.0)]
    public void An_input_gain_in_range_is_accepted_as_its_linear_factor(double gainDb, double factor)
    {
        var options = new PipelineOptions { InputGainDb = gainDb };
        Assert.Empty(options.Validate());
        Assert.Equal(factor, options.InputGain, 1e-4 * factor);
    }

    [Theory]
    [InlineData(-20.5)]
    [InlineData(60.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void An_input_gain_out_of_range_is_refused_naming_it(double gainDb)
    {
        var problem = Assert.Single(new PipelineOptions { InputGainDb = gainDb }.Validate());
        Assert.Contains("Pipeline:InputGainDb", problem, StringComparison.Ordinal);
        Assert.Contains("between -20 and 60 dB", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(1001)]
    public void An_inference_hop_out_of_range_is_refused_naming_it(int hopMs) =>
        Assert.Contains("Pipeline:InferenceHopMs", Assert.Single(new PipelineOptions { InferenceHopMs = hopMs }.Validate()), StringComparison.Ordinal);
}
