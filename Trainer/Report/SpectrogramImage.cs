namespace Trainer.Report;

/// <summary>
/// A log-mel spectrogram as a picture: time left to right, low frequencies at the bottom, a perceptual
/// dark-blue-to-yellow colour map from the quietest to the loudest value of the clip.
/// </summary>
internal static class SpectrogramImage
{
    private static readonly float[] Stops =
    [
        0.267f, 0.005f, 0.329f,
        0.229f, 0.322f, 0.546f,
        0.128f, 0.567f, 0.551f,
        0.369f, 0.789f, 0.383f,
        0.993f, 0.906f, 0.144f,
    ];

    /// <summary>PNG bytes of <paramref name="features"/> (frames x mels), each cell <paramref name="scale"/> pixels square.</summary>
    public static byte[] Png(ReadOnlySpan<float> features, int frames, int mels, int scale = 3)
    {
        var min = float.MaxValue;
        var max = float.MinValue;
        foreach (var v in features[..(frames * mels)])
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var range = Math.Max(max - min, 1e-6f);
        int width = frames * scale, height = mels * scale;
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var mel = mels - 1 - (y / scale);
            for (var x = 0; x < width; x++)
            {
                var v = (features[((x / scale) * mels) + mel] - min) / range;
                var (r, g, b) = Colour(v);
                var i = ((y * width) + x) * 3;
                rgb[i] = r;
                rgb[i + 1] = g;
                rgb[i + 2] = b;
            }
        }

        return PngWriter.Encode(width, height, rgb);
    }

    /// <summary>A viridis-like colour for <paramref name="v"/> in [0, 1].</summary>
    public static (byte R, byte G, byte B) Colour(float v)
    {
        var t = Math.Clamp(v, 0f, 1f) * 4;
        var k = Math.Min((int)t, 3);
        var f = t - k;
        byte C(int c) => (byte)(255 * ((Stops[(k * 3) + c] * (1 - f)) + (Stops[((k + 1) * 3) + c] * f)));
        return (C(0), C(1), C(2));
    }
}
