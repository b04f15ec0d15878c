namespace Kws.Tests.Onnx;

internal static class OnnxAssert
{
    /// <summary>Every element within <paramref name="tolerance"/> of the reference, naming the first that is not.</summary>
    public static void Close(RefTensor expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Data.Length, actual.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            var diff = Math.Abs(expected.Data[i] - actual[i]);
            Assert.True(diff <= tolerance,
                $"{what}[{i}]: ONNX Runtime gave {actual[i]}, the direct computation {expected.Data[i]} (difference {diff})");
        }
    }
}
