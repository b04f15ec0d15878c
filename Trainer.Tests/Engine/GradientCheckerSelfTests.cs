using Trainer.Engine;
using Trainer.Engine.Layers;

namespace Trainer.Tests.Engine;

/// <summary>Shows that the gradient checker fails on deliberately wrong gradients, so its passes mean something.</summary>
public class GradientCheckerSelfTests
{
    [Fact]
    public void CatchesAWrongInputGradient()
    {
        var result = GradientChecker.Check(new SquareWithWrongBackward(1.05f), new SampleShape(2, 3, 3), batch: 2, training: true);
        Assert.False(result.Passed, $"a 5% error in dx went unnoticed: {result}");
    }

    [Fact]
    public void PassesTheSameLayerWithTheRightBackward()
    {
        var result = GradientChecker.Check(new SquareWithWrongBackward(1f), new SampleShape(2, 3, 3), batch: 2, training: true);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void CatchesAWrongParameterGradient()
    {
        var result = GradientChecker.Check(
            new Conv2d(2, 3, 3, 1, 1), new SampleShape(2, 5, 5), batch: 2, training: true,
            afterBackward: layer => ((Conv2d)layer).Weight.Grad[0] *= 1.05f,
            maxPerArray: 1000);
        Assert.False(result.Passed, $"a 5% error in dW[0] went unnoticed: {result}");
        Assert.Contains("weight[0]", result.Worst);
    }

    /// <summary>y = x^2 whose backward is off by <c>factor</c>.</summary>
    private sealed class SquareWithWrongBackward(float factor) : Layer
    {
        public override string Kind => "square";

        public override void Forward(Tensor input, Tensor output, bool training)
        {
            for (var i = 0; i < input.Length; i++)
            {
                output.Data[i] = input.Data[i] * input.Data[i];
            }
        }

        public override void Backward(Tensor input, Tensor output, Tensor gradOutput, Tensor? gradInput, bool training)
        {
            for (var i = 0; i < input.Length; i++)
            {
                gradInput!.Data[i] = factor * 2 * input.Data[i] * gradOutput.Data[i];
            }
        }

        protected override SampleShape ComputeOutputShape(SampleShape input) => input;
    }
}
