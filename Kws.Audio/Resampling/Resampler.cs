namespace Kws.Audio.Resampling;

/// <summary>
/// Whole-buffer sample-rate conversion of mono float audio (e.g. 8, 22.05, 32, 44.1, 48 kHz to 16 kHz and back).
/// The same filter and timing as <see cref="StreamingResampler"/>: output sample k is the input at time k / outputRate
/// (group delay compensated), and the output has ceil(n * L / M) samples.
/// </summary>
public static class Resampler
{
    /// <summary>Converts a whole buffer; returns a copy when the rates are equal.</summary>
    /// <param name="input">Mono samples at <paramref name="inputRateHz"/>.</param>
    /// <param name="inputRateHz">The rate of the input.</param>
    /// <param name="outputRateHz">The rate wanted.</param>
    /// <param name="options">The filter; <see cref="ResamplerOptions.Default"/> when null.</param>
    public static float[] Resample(ReadOnlySpan<float> input, int inputRateHz, int outputRateHz, ResamplerOptions? options = null)
    {
        if (inputRateHz == outputRateHz)
        {
            return input.ToArray();
        }

        var resampler = new StreamingResampler(inputRateHz, outputRateHz, options);
        var output = new float[StreamingResampler.OutputLength(input.Length, inputRateHz, outputRateHz)];
        var written = resampler.Process(input, output);
        written += resampler.Flush(output.AsSpan(written));
        if (written != output.Length)
        {
            throw new InvalidOperationException($"Resampler produced {written} samples where {output.Length} were due.");
        }

        return output;
    }
}
