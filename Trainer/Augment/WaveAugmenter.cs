using Kws.Audio.Clips;
using System.Numerics.Tensors;

namespace Trainer.Augment;

/// <summary>
/// Random changes to a one-second clip that keep its label: a speed change, a time shift, background noise at a random
/// SNR and a random gain; and silence examples cut from the background noise. Stateless apart from its settings: every call
/// takes the caller's <see cref="Random"/>, so results are reproducible per seed and thread.
/// </summary>
internal sealed class WaveAugmenter(AugmentOptions options, IReadOnlyList<float[]> noise, int sampleRateHz = 16000)
{
    /// <summary>
    /// Writes an augmented copy of <paramref name="clip"/> into <paramref name="output"/> (same length). With
    /// <paramref name="partialWord"/> the shift is drawn from the partial-word range instead, so that only the beginning
    /// or the end of the (centred) word stays in the window. A non-empty <paramref name="neighbour"/> (another clip) has
    /// its word run together with the clip's (<see cref="RunTogether"/>) before noise and gain are applied.
    /// </summary>
    public void Augment(ReadOnlySpan<float> clip, Span<float> output, Random rng, bool partialWord = false, ReadOnlySpan<float> neighbour = default)
    {
        Span<float> stretched = clip.Length <= 16000 ? stackalloc float[clip.Length] : new float[clip.Length];
        scoped var source = clip;
        if (options.SpeedPercent > 0)
        {
            var speed = 1 + ((((rng.NextDouble() * 2) - 1) * options.SpeedPercent) / 100);
            ChangeSpeed(clip, stretched, speed);
            source = stretched;
        }

        var shift = partialWord ? PartialShift(source, rng) : Shift(rng);
        shift = Math.Clamp(shift, 1 - output.Length, output.Length - 1);
        output.Clear();
        if (shift >= 0)
        {
            source[..(source.Length - shift)].CopyTo(output[shift..]);
        }
        else
        {
            source[(-shift)..].CopyTo(output);
        }

        if (!neighbour.IsEmpty)
        {
            RunTogether(output, neighbour, rng, partialWord);
        }

        if (noise.Count > 0 && rng.NextDouble() < options.NoiseProbability)
        {
            var snrDb = options.SnrMinDb + (rng.NextDouble() * (options.SnrMaxDb - options.SnrMinDb));
            MixNoise(output, snrDb, rng);
        }

        if (options.GainDb > 0)
        {
            var gain = (float)Math.Pow(10, ((rng.NextDouble() * 2) - 1) * options.GainDb / 20);
            TensorPrimitives.Multiply(output, gain, output);
        }

        TensorPrimitives.Clamp(output, -1f, 1f, output);
    }

    /// <summary>
    /// Adds the word of <paramref name="neighbour"/> next to the word in <paramref name="audio"/>, 0 to
    /// <see cref="AugmentOptions.RunTogetherGapMs"/> away, at the word's level within ±6 dB (each word's extent by
    /// <see cref="WordExtent"/>, faded in and out over 10 ms; what falls outside the window is cut). A word cut at one
    /// edge of the window (<paramref name="wordIsPartial"/>) gets its neighbour on the other side, so the window holds
    /// the end of one word and the start of the next; a whole word gets it before or after at random.
    /// </summary>
    public void RunTogether(Span<float> audio, ReadOnlySpan<float> neighbour, Random rng, bool wordIsPartial)
    {
        if (WordExtent.Measure(audio) is not var (ms, me) || WordExtent.Measure(neighbour) is not var (ns, ne))
        {
            return;
        }

        var after = wordIsPartial ? ms < audio.Length - me : rng.Next(2) == 0;
        var word = neighbour[ns..ne];
        var gain = (float)(Math.Sqrt(WordExtent.Power(audio[ms..me]) / Math.Max(WordExtent.Power(word), 1e-12)) * Math.Pow(10, ((rng.NextDouble() * 12) - 6) / 20));
        var gap = (int)(rng.NextDouble() * options.RunTogetherGapMs * sampleRateHz / 1000);
        var start = after ? me + gap : ms - gap - word.Length;
        const int Fade = 160;
        for (var i = 0; i < word.Length; i++)
        {
            var at = start + i;
            if (at >= 0 && at < audio.Length)
            {
                audio[at] += word[i] * gain * Math.Min(1f, Math.Min(i, word.Length - 1 - i) / (float)Fade);
            }
        }
    }

    /// <summary>True when an example of class <paramref name="unknown"/> should be cut to a partial word (draws only when the option is on).</summary>
    public bool DrawPartialWord(bool unknown, Random rng) =>
        unknown && options.PartialWordPercent > 0 && rng.NextDouble() * 100 < options.PartialWordPercent;

    /// <summary>
    /// Plays <paramref name="clip"/> back at <paramref name="speed"/> times its speed into <paramref name="output"/>
    /// (same length), keeping the clip's centre in place: a word gets shorter and higher (speed above 1) or longer and
    /// lower. Linear interpolation; samples from outside the clip are zero. For the few percent used here the images
    /// it folds back lie far below the speech.
    /// </summary>
    public static void ChangeSpeed(ReadOnlySpan<float> clip, Span<float> output, double speed)
    {
        var centre = (clip.Length - 1) / 2.0;
        for (var j = 0; j < output.Length; j++)
        {
            var position = centre + ((j - centre) * speed);
            var i = (int)Math.Floor(position);
            if (i < 0 || i >= clip.Length - 1)
            {
                output[j] = i == clip.Length - 1 ? clip[i] : 0;
                continue;
            }

            var frac = (float)(position - i);
            output[j] = clip[i] + ((clip[i + 1] - clip[i]) * frac);
        }
    }

    /// <summary>A silence example: a random cut of background noise at a random level (sometimes near zero).</summary>
    public void Silence(Span<float> output, Random rng)
    {
        output.Clear();
        if (noise.Count == 0)
        {
            return;
        }

        CutNoise(output, rng);
        var level = (float)Math.Pow(10, -rng.NextDouble() * 3);   // 0 to -60 dB
        TensorPrimitives.Multiply(output, level, output);
        TensorPrimitives.Clamp(output, -1f, 1f, output);
    }

    /// <summary>Mean power of the frames (10 ms) whose power is within 20 dB of the loudest frame: the active part.</summary>
    public static double ActivePower(ReadOnlySpan<float> audio, int frame = 160)
    {
        var frames = audio.Length / frame;
        if (frames == 0)
        {
            return 0;
        }

        Span<double> powers = frames <= 512 ? stackalloc double[frames] : new double[frames];
        var max = 0.0;
        for (var f = 0; f < frames; f++)
        {
            var s = audio.Slice(f * frame, frame);
            powers[f] = TensorPrimitives.Dot(s, s) / frame;
            max = Math.Max(max, powers[f]);
        }

        double sum = 0;
        var count = 0;
        foreach (var p in powers)
        {
            if (p >= max / 100)
            {
                sum += p;
                count++;
            }
        }

        return count == 0 ? 0 : sum / count;
    }

    private int Shift(Random rng)
    {
        var early = (int)(options.ShiftEarlyMs * sampleRateHz / 1000);
        var late = (int)(options.ShiftLateMs * sampleRateHz / 1000);
        return early + late == 0 ? 0 : rng.Next(-early, late + 1);
    }

    /// <summary>
    /// A shift that puts a random point of the word's active span (see <see cref="WordExtent"/>) on the window's start or
    /// end, so that between <see cref="AugmentOptions.PartialKeepMin"/> and <see cref="AugmentOptions.PartialKeepMax"/> of
    /// the word stays: its beginning (cut at the end of the window) or its end (cut at the start).
    /// </summary>
    private int PartialShift(ReadOnlySpan<float> source, Random rng)
    {
        var (start, end) = WordExtent.Measure(source) ?? (0, source.Length);
        var keep = options.PartialKeepMin + (rng.NextDouble() * (options.PartialKeepMax - options.PartialKeepMin));
        var span = end - start;
        return rng.Next(2) == 0
            ? source.Length - (start + (int)(keep * span))   // the beginning stays, at the end of the window
            : -(start + (int)((1 - keep) * span));            // the end stays, at the start of the window
    }

    private void MixNoise(Span<float> audio, double snrDb, Random rng)
    {
        var signal = ActivePower(audio);
        if (signal <= 0)
        {
            return;
        }

        Span<float> cut = audio.Length <= 16000 ? stackalloc float[audio.Length] : new float[audio.Length];
        CutNoise(cut, rng);
        var noisePower = TensorPrimitives.Dot(cut, cut) / cut.Length;
        if (noisePower <= 0)
        {
            return;
        }

        var scale = (float)Math.Sqrt(signal / (noisePower * Math.Pow(10, snrDb / 10)));
        TensorPrimitives.MultiplyAdd(cut, scale, audio, audio);
    }

    private void CutNoise(Span<float> output, Random rng)
    {
        var source = noise[rng.Next(noise.Count)];
        if (source.Length <= output.Length)
        {
            source.AsSpan().CopyTo(output);
            return;
        }

        var start = rng.Next(source.Length - output.Length);
        source.AsSpan(start, output.Length).CopyTo(output);
    }
}
