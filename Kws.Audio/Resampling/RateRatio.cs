namespace Kws.Audio.Resampling;

/// <summary>A conversion ratio out/in reduced by the greatest common divisor, e.g. 44100 -> 16000 is 160/441.</summary>
/// <param name="Up">Interpolation factor L (output rate / gcd).</param>
/// <param name="Down">Decimation factor M (input rate / gcd).</param>
public readonly record struct RateRatio(int Up, int Down)
{
    /// <summary>The reduced ratio of two rates.</summary>
    /// <param name="inputRateHz">The rate converted from (positive).</param>
    /// <param name="outputRateHz">The rate converted to (positive).</param>
    public static RateRatio Between(int inputRateHz, int outputRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRateHz, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRateHz, 1);
        var g = Gcd(inputRateHz, outputRateHz);
        return new RateRatio(outputRateHz / g, inputRateHz / g);
    }

    /// <summary>The greatest common divisor of two positive integers.</summary>
    /// <param name="a">Positive.</param>
    /// <param name="b">Positive.</param>
    public static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Up}/{Down}";
}
