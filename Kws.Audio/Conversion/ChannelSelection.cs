using System.Globalization;

namespace Kws.Audio.Conversion;

/// <summary>The parsed <c>Audio:Channel</c> setting: "auto" (default), "mix", or a channel index.</summary>
/// <param name="Mode">Which kind of selection.</param>
/// <param name="Index">The channel index when <paramref name="Mode"/> is <see cref="ChannelMode.Index"/>; otherwise 0.</param>
public readonly record struct ChannelSelection(ChannelMode Mode, int Index)
{
    /// <summary>"auto".</summary>
    public static ChannelSelection Auto => new(ChannelMode.Auto, 0);

    /// <summary>"mix".</summary>
    public static ChannelSelection Mix => new(ChannelMode.Mix, 0);

    /// <summary>The fewest channels a stream must have for this selection.</summary>
    public int MinChannels => Mode == ChannelMode.Index ? Index + 1 : 1;

    /// <summary>Selects channel <paramref name="index"/>.</summary>
    public static ChannelSelection Channel(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new(ChannelMode.Index, index);
    }

    /// <summary>Parses "auto" (or empty), "mix", or a non-negative channel index, case-insensitively.</summary>
    /// <exception cref="ArgumentException">Anything else, with a message naming the setting.</exception>
    public static ChannelSelection Parse(string? text)
    {
        if (!TryParse(text, out var selection))
        {
            throw new ArgumentException($"Audio:Channel is '{text}'; use \"auto\", \"mix\" or a channel index (0, 1, ...).", nameof(text));
        }

        return selection;
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out ChannelSelection selection)
    {
        var t = text?.Trim() ?? string.Empty;
        if (t.Length == 0 || t.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            selection = Auto;
            return true;
        }

        if (t.Equals("mix", StringComparison.OrdinalIgnoreCase))
        {
            selection = Mix;
            return true;
        }

        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            selection = Channel(index);
            return true;
        }

        selection = Auto;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Mode switch
    {
        ChannelMode.Auto => "auto",
        ChannelMode.Mix => "mix",
        _ => Index.ToString(CultureInfo.InvariantCulture),
    };
}
