using System.Buffers.Binary;
using Kws.Audio;
using Kws.Audio.Conversion;

namespace TestSupport;

/// <summary>
/// Encodes float samples as stored ones: the counterpart of <see cref="SampleConverter.ToFloat"/>, which only the
/// tests need (the programs read audio; they never write it).
/// </summary>
public static class SampleEncoder
{
    private const float Int16Scale = 32768f;
    private const float Int24Scale = 8388608f;
    private const double Int32Scale = 2147483648.0;

    /// <summary>Encodes float samples as little-endian <paramref name="type"/>, clipping integers to their range.</summary>
    /// <param name="source">Samples, nominally in [-1, 1].</param>
    /// <param name="type">How to store them.</param>
    /// <param name="destination">At least source.Length times the sample size bytes.</param>
    /// <returns>The number of bytes written.</returns>
    public static int FromFloat(ReadOnlySpan<float> source, SampleType type, Span<byte> destination)
    {
        var size = SampleConverter.BytesPerSample(type);
        var bytes = source.Length * size;
        if (destination.Length < bytes)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; {source.Length} {type} samples need {bytes}.", nameof(destination));
        }

        switch (type)
        {
            case SampleType.Int16:
                for (var i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(destination[(2 * i)..], (short)Quantize(source[i], Int16Scale, short.MinValue, short.MaxValue));
                }

                break;
            case SampleType.Int24:
                for (var i = 0; i < source.Length; i++)
                {
                    var v = Quantize(source[i], Int24Scale, -8388608, 8388607);
                    var j = 3 * i;
                    destination[j] = (byte)v;
                    destination[j + 1] = (byte)(v >> 8);
                    destination[j + 2] = (byte)(v >> 16);
                }

                break;
            case SampleType.Int32:
                for (var i = 0; i < source.Length; i++)
                {
                    double x = source[i];
                    var v = double.IsNaN(x) ? 0 : Math.Clamp(Math.Round(x * Int32Scale), int.MinValue, int.MaxValue);
                    BinaryPrimitives.WriteInt32LittleEndian(destination[(4 * i)..], (int)v);
                }

                break;
            case SampleType.Float32:
                for (var i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(destination[(4 * i)..], source[i]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown sample type.");
        }

        return bytes;
    }

    private static int Quantize(float x, float scale, int min, int max)
    {
        if (float.IsNaN(x))
        {
            return 0;
        }

        var v = MathF.Round(x * scale);
        return v <= min ? min : v >= max ? max : (int)v;
    }
}
