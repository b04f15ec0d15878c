using System.Globalization;
using System.Numerics.Tensors;

namespace Kws.Audio.Features;

/// <summary>
/// The affine normalisation applied to log-mel features before the model: (x - Mean) / Std, one scalar pair for all
/// bands, measured by the trainer on its training clips and carried in the model file.
/// </summary>
/// <param name="Mean">Subtracted from every feature.</param>
/// <param name="Std">Divides every feature after the subtraction; positive.</param>
public sealed record FeatureNormalization(float Mean, float Std)
{
    /// <summary>No normalisation.</summary>
    public static FeatureNormalization Identity { get; } = new(0f, 1f);

    /// <summary>Normalises <paramref name="features"/> in place.</summary>
    public void Apply(Span<float> features)
    {
        TensorPrimitives.Subtract(features, Mean, features);
        TensorPrimitives.Multiply(features, 1f / Std, features);
    }

    /// <summary>Normalises <paramref name="source"/> into <paramref name="destination"/>.</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination)
    {
        TensorPrimitives.Subtract(source, Mean, destination);
        TensorPrimitives.Multiply(destination[..source.Length], 1f / Std, destination);
    }

    /// <summary>The text form used in model metadata: <c>mean_std:MEAN,STD</c> (invariant culture, round-trip).</summary>
    public string ToMetadata() =>
        string.Create(CultureInfo.InvariantCulture, $"mean_std:{Mean:R},{Std:R}");

    /// <summary>Parses <see cref="ToMetadata"/>'s form; returns null and a reason when the text is not of that form.</summary>
    public static FeatureNormalization? TryParse(string text, out string problem)
    {
        problem = "";
        const string prefix = "mean_std:";
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            problem = $"'{text}' does not start with '{prefix}'";
            return null;
        }

        var parts = text[prefix.Length..].Split(',');
        if (parts.Length != 2
            || !float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var mean)
            || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var std))
        {
            problem = $"'{text}' is not 'mean_std:MEAN,STD' with two numbers";
            return null;
        }

        if (!float.IsFinite(mean) || !(std > 0) || !float.IsFinite(std))
        {
            problem = $"'{text}' needs a finite mean and a positive finite std";
            return null;
        }

        return new FeatureNormalization(mean, std);
    }
}
