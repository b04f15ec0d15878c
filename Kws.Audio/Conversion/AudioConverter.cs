using System.Numerics;
using System.Runtime.InteropServices;
using Kws.Audio.Resampling;

namespace Kws.Audio.Conversion;

/// <summary>
/// The one conversion chain every audio source uses (the microphone's callback, raw standard input, WAV files): native
/// interleaved frames (int16, int24, int32 or float32; any channel count; any rate) become what the pipeline reads,
/// mono float32 at the output rate. Per block: decode and choose/mix channels (<see cref="ChannelSelection"/>),
/// remove DC (<see cref="OnePoleHighPass"/>, when a corner is given), resample (<see cref="StreamingResampler"/>, when
/// the rates differ). Integers scale by a power of two (int16 / 32768, int24 / 2^23, int32 / 2^31), so an int16 mono
/// stream at the output rate without the high-pass comes out exactly as the samples / 32768.
/// <para>All buffers are made in the constructor; <see cref="Convert"/>, <see cref="Process{TWriter}"/> and
/// <see cref="Flush"/> never allocate, lock or log, so they can run in an audio callback. Not thread-safe: one
/// instance per stream, one producer thread.</para>
/// </summary>
public sealed class AudioConverter
{
    private readonly ChannelSelection _channel;
    private readonly int _channels;
    private readonly int _bytesPerFrame;
    private readonly float[] _mono;
    private readonly float[] _resampled;
    private readonly float[] _decoded;
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
    public AudioConverter(AudioFormat native, ChannelSelection channel, int outputRateHz, double highPassHz, int maxBlockFrames)
    {
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
        _decoded = native.SampleType == SampleType.Int24 ? new float[maxBlockFrames * native.Channels] : [];
        _highPass = highPassHz > 0 ? new OnePoleHighPass(highPassHz, native.SampleRateHz) : null;
        if (native.SampleRateHz != outputRateHz)
        {
            _resampler = new StreamingResampler(native.SampleRateHz, outputRateHz);
            _resampled = new float[Math.Max(_resampler.MaxOutputFrames(maxBlockFrames), _resampler.MaxFlushFrames)];
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

    /// <summary>The most samples one <see cref="Convert"/> or <see cref="Flush"/> gives.</summary>
    public int MaxOutputFrames => _resampler is null ? MaxBlockFrames : _resampled.Length;

    /// <summary>Converts whole interleaved frames and writes the mono result to <paramref name="target"/>, block by block.</summary>
    /// <param name="interleaved">Native frames; the length must be a whole number of frames.</param>
    /// <param name="target">Where the output goes (this thread must be its only producer).</param>
    /// <returns>The number of output samples written.</returns>
    public int Process<TWriter>(ReadOnlySpan<byte> interleaved, TWriter target)
        where TWriter : ISampleWriter
    {
        ArgumentNullException.ThrowIfNull(target);
        CheckWholeFrames(interleaved.Length);
        var written = 0;
        var blockBytes = MaxBlockFrames * _bytesPerFrame;
        while (!interleaved.IsEmpty)
        {
            var n = Math.Min(blockBytes, interleaved.Length);
            var output = Convert(interleaved[..n]);
            target.Write(output);
            written += output.Length;
            interleaved = interleaved[n..];
        }

        return written;
    }

    /// <summary>Converts one block of at most <see cref="MaxBlockFrames"/> whole frames.</summary>
    /// <param name="block">Native frames.</param>
    /// <returns>The output samples: a view of the converter's own buffer, valid until the next call.</returns>
    public ReadOnlySpan<float> Convert(ReadOnlySpan<byte> block)
    {
        CheckWholeFrames(block.Length);
        var frames = block.Length / _bytesPerFrame;
        if (frames > MaxBlockFrames)
        {
            throw new ArgumentException($"{frames} frames are more than the {MaxBlockFrames} one block may hold.", nameof(block));
        }

        var mono = _mono.AsSpan(0, frames);
        switch (NativeFormat.SampleType)
        {
            case SampleType.Int16:
                ToMono(MemoryMarshal.Cast<byte, short>(block), mono, 1f / 32768f);
                break;
            case SampleType.Int32:
                ToMono(MemoryMarshal.Cast<byte, int>(block), mono, 1f / 2147483648f);
                break;
            case SampleType.Int24:
                var decoded = _decoded.AsSpan(0, frames * _channels);
                SampleConverter.ToFloat(block, SampleType.Int24, decoded);
                ToMono<float>(decoded, mono, 1f);
                break;
            default:
                ToMono(MemoryMarshal.Cast<byte, float>(block), mono, 1f);
                break;
        }

        _highPass?.Process(mono);
        if (_resampler is null)
        {
            return mono;
        }

        var produced = _resampler.Process(mono, _resampled);
        return _resampled.AsSpan(0, produced);
    }

    /// <summary>
    /// At the end of a stream: the output the resampler still holds back (its look-ahead), so that a whole recording
    /// comes out at full length; empty without resampling. The next block starts a new stream.
    /// </summary>
    public ReadOnlySpan<float> Flush()
    {
        if (_resampler is null)
        {
            return [];
        }

        var produced = _resampler.Flush(_resampled);
        return _resampled.AsSpan(0, produced);
    }

    /// <summary>Forgets all state (filter history, resampler input, live channels): the next frame starts a new stream.</summary>
    public void Reset()
    {
        _highPass?.Reset();
        _resampler?.Reset();
        Array.Clear(_live);
        _liveCount = 0;
    }

    private void CheckWholeFrames(int bytes)
    {
        if (bytes % _bytesPerFrame != 0)
        {
            throw new ArgumentException($"{bytes} bytes are not whole {_bytesPerFrame}-byte frames of {NativeFormat}.");
        }
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
