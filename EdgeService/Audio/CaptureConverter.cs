using System.Numerics;
using System.Runtime.InteropServices;
using EdgeService.Pipeline;
using Kws.Audio;
using Kws.Audio.Resampling;

namespace EdgeService.Audio;

/// <summary>
/// Turns a device's native interleaved frames (int16, int32 or float32; any channel count; any rate) into what the
/// pipeline reads: mono float32 at the output rate. Per block: decode and choose/mix channels (<see cref="ChannelSelection"/>),
/// remove DC (<see cref="OnePoleHighPass"/>, when a corner is given), resample (<see cref="StreamingResampler"/>, when
/// the rates differ), write into the ring buffer. Integers scale by a power of two (int16 / 32768, int32 / 2^31), so
/// an int16 mono stream at the output rate without the high-pass comes out exactly as the samples / 32768.
/// <para>All buffers are made in the constructor; <see cref="Process"/> never allocates, locks or logs, so it can run
/// in an audio callback. Not thread-safe: one instance per stream, one producer thread.</para>
/// </summary>
internal sealed class CaptureConverter
{
    private readonly ChannelSelection _channel;
    private readonly int _channels;
    private readonly int _bytesPerFrame;
    private readonly float[] _mono;
    private readonly float[] _resampled;
    private readonly bool[] _live;
    private readonly OnePoleHighPass? _highPass;
    private readonly StreamingResampler? _resampler;
    private int _liveCount;

    /// <summary>Makes the converter and all its buffers.</summary>
    /// <param name="native">The device's format: Int16, Int32 or Float32, interleaved.</param>
    /// <param name="channel">Which channel to keep, or how to mix.</param>
    /// <param name="outputRateHz">The rate the pipeline wants (16 kHz).</param>
    /// <param name="highPassHz">The DC-removal corner in Hz; 0 turns it off.</param>
    /// <param name="maxBlockFrames">The largest block converted in one step (longer input is cut into such blocks).</param>
    public CaptureConverter(AudioFormat native, ChannelSelection channel, int outputRateHz, double highPassHz, int maxBlockFrames)
    {
        if (native.SampleType is not (SampleType.Int16 or SampleType.Int32 or SampleType.Float32))
        {
            throw new ArgumentException($"Capture format {native} is not supported; the device must give Int16, Int32 or Float32 samples.", nameof(native));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(native.Channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(native.SampleRateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRateHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlockFrames);
        ArgumentOutOfRangeException.ThrowIfNegative(highPassHz);
        if (channel.Mode == ChannelMode.Index && channel.Index >= native.Channels)
        {
            throw new ArgumentException($"Audio:Channel is {channel.Index}, but the stream has {native.Channels} channel(s) (0 to {native.Channels - 1}).", nameof(channel));
        }

        NativeFormat = native;
        OutputRateHz = outputRateHz;
        MaxBlockFrames = maxBlockFrames;
        _channel = channel;
        _channels = native.Channels;
        _bytesPerFrame = native.BytesPerFrame;
        _mono = new float[maxBlockFrames];
        _live = new bool[native.Channels];
        _highPass = highPassHz > 0 ? new OnePoleHighPass(highPassHz, native.SampleRateHz) : null;
        if (native.SampleRateHz != outputRateHz)
        {
            _resampler = new StreamingResampler(native.SampleRateHz, outputRateHz);
            _resampled = new float[_resampler.MaxOutputFrames(maxBlockFrames)];
        }
        else
        {
            _resampled = [];
        }
    }

    /// <summary>The device's format.</summary>
    public AudioFormat NativeFormat { get; }

    /// <summary>The rate of what is written.</summary>
    public int OutputRateHz { get; }

    /// <summary>The largest block converted in one step.</summary>
    public int MaxBlockFrames { get; }

    /// <summary>Converts whole interleaved frames and writes the mono result into <paramref name="target"/>.</summary>
    /// <param name="interleaved">Native frames; the length must be a whole number of frames.</param>
    /// <param name="target">Where the output goes (this thread must be its only producer).</param>
    /// <returns>The number of output samples written.</returns>
    public int Process(ReadOnlySpan<byte> interleaved, IAudioRingBuffer target)
    {
        if (interleaved.Length % _bytesPerFrame != 0)
        {
            throw new ArgumentException($"{interleaved.Length} bytes are not whole {_bytesPerFrame}-byte frames of {NativeFormat}.", nameof(interleaved));
        }

        var written = 0;
        var blockBytes = MaxBlockFrames * _bytesPerFrame;
        while (!interleaved.IsEmpty)
        {
            var n = Math.Min(blockBytes, interleaved.Length);
            written += ProcessBlock(interleaved[..n], target);
            interleaved = interleaved[n..];
        }

        return written;
    }

    /// <summary>Forgets all state (filter history, resampler input, live channels): the next frame starts a new stream.</summary>
    public void Reset()
    {
        _highPass?.Reset();
        _resampler?.Reset();
        Array.Clear(_live);
        _liveCount = 0;
    }

    private int ProcessBlock(ReadOnlySpan<byte> block, IAudioRingBuffer target)
    {
        var frames = block.Length / _bytesPerFrame;
        var mono = _mono.AsSpan(0, frames);
        switch (NativeFormat.SampleType)
        {
            case SampleType.Int16:
                ToMono(MemoryMarshal.Cast<byte, short>(block), mono, 1f / 32768f);
                break;
            case SampleType.Int32:
                ToMono(MemoryMarshal.Cast<byte, int>(block), mono, 1f / 2147483648f);
                break;
            default:
                ToMono(MemoryMarshal.Cast<byte, float>(block), mono, 1f);
                break;
        }

        _highPass?.Process(mono);
        if (_resampler is null)
        {
            target.Write(mono);
            return frames;
        }

        var produced = _resampler.Process(mono, _resampled);
        target.Write(_resampled.AsSpan(0, produced));
        return produced;
    }

    private void ToMono<T>(ReadOnlySpan<T> samples, Span<float> mono, float scale)
        where T : unmanaged, INumberBase<T>
    {
        var channels = _channels;
        switch (_channel.Mode)
        {
            case ChannelMode.Index:
                for (int i = 0, j = _channel.Index; i < mono.Length; i++, j += channels)
                {
                    mono[i] = float.CreateTruncating(samples[j]) * scale;
                }

                break;
            case ChannelMode.Mix:
                var mixScale = scale / channels;
                for (int i = 0, j = 0; i < mono.Length; i++, j += channels)
                {
                    var sum = 0f;
                    for (var c = 0; c < channels; c++)
                    {
                        sum += float.CreateTruncating(samples[j + c]);
                    }

                    mono[i] = sum * mixScale;
                }

                break;
            default:
                MixLive(samples, mono, scale);
                break;
        }
    }

    // "auto": average of the channels that have carried a non-zero sample so far (checked sample by sample, so the
    // result does not depend on how the stream was cut into blocks).
    private void MixLive<T>(ReadOnlySpan<T> samples, Span<float> mono, float scale)
        where T : unmanaged, INumberBase<T>
    {
        var channels = _channels;
        var live = _live;
        for (int i = 0, j = 0; i < mono.Length; i++, j += channels)
        {
            var sum = 0f;
            for (var c = 0; c < channels; c++)
            {
                var v = samples[j + c];
                if (!live[c] && !T.IsZero(v))
                {
                    live[c] = true;
                    _liveCount++;
                }

                sum += float.CreateTruncating(v);
            }

            mono[i] = _liveCount <= 1 ? sum * scale : sum * scale / _liveCount;
        }
    }
}
