using System.Buffers.Binary;

namespace Kws.Audio.Conversion;

/// <summary>
/// Converts between stored little-endian samples and float. Integers scale by a power of two (int16 / 32768,
/// int24 / 8388608, int32 / 2147483648), so full scale negative is exactly -1 and a round trip of integers through
/// float is exact for 16 and 24 bits. Float to integer rounds to nearest and clips to the integer range (NaN -> 0).
/// Allocation-free: callers bring the buffers.
/// </summary>
public static class SampleConverter
{
    private const float Int16Scale = 32768f;
    private const float Int24Scale = 8388608f;
    private const double Int32Scale = 2147483648.0;

    /// <summary>Bytes one sample of <paramref name="type"/> takes.</summary>
    public static int BytesPerSample(SampleType type) => new AudioFormat(1, 1, type).BytesPerSample;

    /// <summary>Decodes little-endian samples to float; <paramref name="destination"/> holds one float per sample.</summary>
    /// <param name="source">Stored samples; its length must be a multiple of the sample size.</param>
    /// <param name="type">How the samples are stored.</param>
    /// <param name="destination">At least source.Length / sample size floats.</param>
    /// <returns>The number of samples decoded.</returns>
    public static int ToFloat(ReadOnlySpan<byte> source, SampleType type, Span<float> destination)
    {
        var size = BytesPerSample(type);
        if (source.Length % size != 0)
        {
            throw new ArgumentException($"{source.Length} bytes are not a whole number of {size}-byte {type} samples.", nameof(source));
        }

        var count = source.Length / size;
        if (destination.Length < count)
        {
            throw new ArgumentException($"The destination holds {destination.Length} floats; {count} samples need decoding.", nameof(destination));
        }

        switch (type)
        {
            case SampleType.Int16:
                for (var i = 0; i < count; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]) * (1f / Int16Scale);
                }

                break;
            case SampleType.Int24:
                for (var i = 0; i < count; i++)
                {
                    var j = 3 * i;
                    var v = source[j] | (source[j + 1] << 8) | ((sbyte)source[j + 2] << 16);
                    destination[i] = v * (1f / Int24Scale);
                }

                break;
            case SampleType.Int32:
                for (var i = 0; i < count; i++)
                {
                    destination[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]) / Int32Scale);
                }

                break;
            case SampleType.Float32:
                for (var i = 0; i < count; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown sample type.");
        }

        return count;
    }

    /// <summary>Averages the channels of each interleaved frame into one mono sample.</summary>
    /// <param name="interleaved">Frames of <paramref name="channels"/> samples each.</param>
    /// <param name="channels">Channels per frame (1 copies).</param>
    /// <param name="mono">At least one float per frame.</param>
    /// <returns>The number of frames mixed.</returns>
    public static int MixToMono(ReadOnlySpan<float> interleaved, int channels, Span<float> mono)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (interleaved.Length % channels != 0)
        {
            throw new ArgumentException($"{interleaved.Length} samples are not a whole number of {channels}-channel frames.", nameof(interleaved));
        }

        var frames = interleaved.Length / channels;
        if (mono.Length < frames)
        {
            throw new ArgumentException($"The destination holds {mono.Length} floats; {frames} frames need mixing.", nameof(mono));
        }

        if (channels == 1)
        {
            interleaved.CopyTo(mono);
            return frames;
        }

        for (var f = 0; f < frames; f++)
        {
            var frame = interleaved.Slice(f * channels, channels);
            var sum = 0f;
            foreach (var s in frame)
            {
                sum += s;
            }

            mono[f] = sum / channels;
        }

        return frames;
    }
}
