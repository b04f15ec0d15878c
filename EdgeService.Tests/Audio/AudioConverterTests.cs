using Kws.Audio.Conversion;
using Kws.Detection.Pipeline;
using System.Runtime.InteropServices;
using EdgeService.Audio;
using EdgeService.Audio.PortAudio;
using Kws.Audio;

namespace EdgeService.Tests.Audio;

public sealed class AudioConverterTests
{
    private static byte[] Bytes<T>(T[] samples)
        where T : unmanaged => MemoryMarshal.AsBytes(samples.AsSpan()).ToArray();

    private static float[] Run(AudioConverter converter, byte[] bytes, int chunkFrames, int capacity)
    {
        var sink = new RecordingRingBuffer(converter.OutputRateHz, capacity);
        var frame = converter.NativeFormat.BytesPerFrame;
        for (var at = 0; at < bytes.Length; at += chunkFrames * frame)
        {
            converter.Process(bytes.AsSpan(at, Math.Min(chunkFrames * frame, bytes.Length - at)), sink);
        }

        return sink.Samples[..(int)Math.Min(sink.WrittenSamples, capacity)];
    }

    [Fact]
    public void Int16_mono_at_the_output_rate_without_high_pass_is_exactly_the_scaled_samples()
    {
        var rng = new Random(5);
        var raw = Enumerable.Range(0, 5000).Select(_ => (short)rng.Next(short.MinValue, short.MaxValue + 1)).ToArray();
        raw[0] = short.MinValue;
        var converter = new AudioConverter(new AudioFormat(16000, 1, SampleType.Int16), ChannelSelection.Auto, 16000, 0, 320);
        var output = Run(converter, Bytes(raw), 777, raw.Length);
        Assert.Equal(raw.Select(s => s / 32768f), output);
        Assert.Equal(-1f, output[0]);
    }

    [Theory]
    [InlineData("0", 1.0)]
    [InlineData("1", 0.0)]
    [InlineData("mix", 0.5)]
    [InlineData("auto", 1.0)]
    public void Int32_stereo_with_an_empty_channel_follows_the_channel_choice(string channel, double gain)
    {
        // An I2S mic: 24 significant bits in the top of 32, the other slot empty.
        var frames = 1000;
        var raw = new int[frames * 2];
        for (var i = 0; i < frames; i++)
        {
            raw[2 * i] = (int)Math.Round(0.5 * 8388607 * Math.Sin(i * 0.05)) << 8;
        }

        var converter = new AudioConverter(new AudioFormat(16000, 2, SampleType.Int32), ChannelSelection.Parse(channel), 16000, 0, 256);
        var output = Run(converter, Bytes(raw), 300, frames);
        for (var i = 0; i < frames; i++)
        {
            Assert.Equal(gain * raw[2 * i] / 2147483648.0, output[i], 1e-7);
        }
    }

    [Fact]
    public void Auto_mix_does_not_depend_on_how_the_stream_is_cut()
    {
        // The right channel wakes up mid-stream: the divisor changes at exactly that frame, whatever the block size.
        var frames = 3000;
        var raw = new float[frames * 2];
        for (var i = 0; i < frames; i++)
        {
            raw[2 * i] = MathF.Sin(i * 0.01f) * 0.3f;
            raw[(2 * i) + 1] = i >= 1234 ? 0.2f : 0f;
        }

        var format = new AudioFormat(48000, 2, SampleType.Float32);
        var a = Run(new AudioConverter(format, ChannelSelection.Auto, 16000, 20, 480), Bytes(raw), 1, 2000);
        var b = Run(new AudioConverter(format, ChannelSelection.Auto, 16000, 20, 480), Bytes(raw), 1000, 2000);
        var c = Run(new AudioConverter(format, ChannelSelection.Auto, 16000, 20, 4096), Bytes(raw), frames, 2000);
        Assert.Equal(a, b);
        Assert.Equal(a, c);
    }

    [Fact]
    public void High_pass_removes_a_dc_offset_and_keeps_a_tone()
    {
        var rate = 16000;
        var raw = Enumerable.Range(0, rate * 2).Select(i => 0.2f + (0.5f * MathF.Sin(2 * MathF.PI * 1000 * i / rate))).ToArray();
        var output = Run(new AudioConverter(new AudioFormat(rate, 1, SampleType.Float32), ChannelSelection.Auto, rate, 20, 320), Bytes(raw), 320, raw.Length);
        var tail = output[rate..];
        Assert.True(Math.Abs(tail.Average()) < 1e-3, $"mean {tail.Average()}");
        var rms = Math.Sqrt(tail.Average(x => (double)x * x));
        Assert.Equal(0.5 / Math.Sqrt(2), rms, 0.005);
    }

    [Fact]
    public void The_callback_path_does_not_allocate()
    {
        var frames = 960;
        var raw = new int[frames * 2];
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = (int)(Math.Sin(i * 0.1) * int.MaxValue / 2);
        }

        var bytes = Bytes(raw);
        var converter = new AudioConverter(new AudioFormat(48000, 2, SampleType.Int32), ChannelSelection.Auto, 16000, 20, frames);
        var ring = new Kws.Detection.Pipeline.AudioRingBuffer(16000, 1000);
        var state = new CaptureCallbackState(converter, ring);
        state.OnInput(bytes, PaStreamStatus.InputOverflow); // warm up (JIT, statics) the overflow path
        for (var i = 0; i < 100; i++)
        {
            state.OnInput(bytes, 0); // and the measured path, past tiered compilation's call counting
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            state.OnInput(bytes, 0);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(301L * frames, state.CapturedFrames);
        Assert.Equal(1, state.InputOverflows);
        Assert.Null(state.Failure);
        Assert.True(ring.WrittenSamples > 200 * 300);
    }

    [Fact]
    public void A_failure_inside_the_callback_is_kept_and_aborts_instead_of_throwing()
    {
        var converter = new AudioConverter(new AudioFormat(16000, 2, SampleType.Int16), ChannelSelection.Auto, 16000, 0, 64);
        var state = new CaptureCallbackState(converter, new RecordingRingBuffer(16000, 10));
        Assert.Equal(PaStreamStatus.Abort, state.OnInput(new byte[3], 0)); // not a whole frame
        Assert.IsType<ArgumentException>(state.Failure);
    }

    [Fact]
    public void Unusable_settings_are_refused_with_clear_messages()
    {
        var e = Assert.Throws<ArgumentException>(() => new AudioConverter(new AudioFormat(48000, 2, SampleType.Int32), ChannelSelection.Channel(2), 16000, 20, 64));
        Assert.Contains("Audio:Channel is 2", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new AudioConverter(new AudioFormat(16000, 1, SampleType.Int16), ChannelSelection.Auto, 16000, 0, 64).Convert(new byte[3]));
        Assert.Contains("not whole 2-byte frames", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packed_24_bit_stereo_from_a_WAV_file_converts_like_its_16_bit_equal()
    {
        // WAV files come in packed 24-bit too; the one chain takes them (the capture never opens a device so).
        short[] left = [0, 1000, -2000, 32767, -32768, 5];
        var int24 = new byte[left.Length * 6];
        for (var i = 0; i < left.Length; i++)
        {
            var v = left[i] << 8;
            int24[(6 * i) + 0] = (byte)v;
            int24[(6 * i) + 1] = (byte)(v >> 8);
            int24[(6 * i) + 2] = (byte)(v >> 16); // the right channel stays 0: "auto" keeps the live left channel only
        }

        var converter = new AudioConverter(new AudioFormat(16000, 2, SampleType.Int24), ChannelSelection.Auto, 16000, 0, 64);
        Assert.Equal(left.Select(v => v / 32768f), converter.Convert(int24).ToArray());
    }

    [Theory]
    [InlineData("", "auto")]
    [InlineData("AUTO", "auto")]
    [InlineData(" mix ", "mix")]
    [InlineData("1", "1")]
    public void Channel_settings_parse(string text, string canonical)
    {
        Assert.Equal(canonical, ChannelSelection.Parse(text).ToString());
    }

    [Theory]
    [InlineData("left")]
    [InlineData("-1")]
    public void Bad_channel_settings_name_the_setting(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => ChannelSelection.Parse(text));
        Assert.Contains("Audio:Channel", e.Message, StringComparison.Ordinal);
        Assert.Contains(new AudioOptions { Channel = text }.Validate(), p => p.Contains("Audio:Channel", StringComparison.Ordinal));
    }
}
