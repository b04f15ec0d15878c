using System.Globalization;

namespace Kws.Onnx.Contract;

/// <summary>
/// The text form of per-keyword thresholds, <c>yes=0.8,no=0.75</c>: the model's <c>kws.thresholds</c> entry and the
/// trainer's <c>export --thresholds</c> option share it.
/// </summary>
public static class ThresholdList
{
    /// <summary>
    /// Parses <paramref name="text"/> (empty gives an empty result); every name must be one of <paramref name="names"/>
    /// and every value in (0, 1]. On failure returns false with the offending entry in <paramref name="badEntry"/>.
    /// </summary>
    public static bool TryParse(string text, IReadOnlyCollection<string> names, out Dictionary<string, float> thresholds, out string badEntry)
    {
        thresholds = new Dictionary<string, float>(StringComparer.Ordinal);
        badEntry = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var entry in text.Split(','))
        {
            var parts = entry.Split('=');
            if (parts.Length != 2 || !names.Contains(parts[0])
                || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || !(t > 0 && t <= 1))
            {
                badEntry = entry;
                return false;
            }

            thresholds[parts[0]] = t;
        }

        return true;
    }
}
