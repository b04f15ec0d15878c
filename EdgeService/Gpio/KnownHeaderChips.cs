namespace EdgeService.Gpio;

/// <summary>
/// Labels of the GPIO chip that carries the 40-pin header on supported boards, in the order <c>auto</c> tries them.
/// Matched exactly: "tegra234-gpio-aon" (the always-on controller) is not "tegra234-gpio".
/// </summary>
internal static class KnownHeaderChips
{
    /// <summary>(label, board) pairs, most specific first.</summary>
    public static IReadOnlyList<(string Label, string Board)> All { get; } =
    [
        ("pinctrl-rp1", "Raspberry Pi 5 (RP1)"),
        ("pinctrl-bcm2711", "Raspberry Pi 4 / 400 / CM4"),
        ("pinctrl-bcm2835", "Raspberry Pi 3 / Zero / older (or a Pi 4 on an older kernel)"),
        ("tegra234-gpio", "Jetson Orin (AGX, NX, Nano)"),
        ("tegra194-gpio", "Jetson Xavier (AGX, NX)"),
        ("tegra-gpio", "Jetson Nano / TX1 (Tegra X1)"),
    ];

    /// <summary>True for the Jetson (Tegra) header chips, whose line numbers are not the Raspberry Pi's BCM numbers.</summary>
    /// <param name="label">A chip label.</param>
    public static bool IsJetson(string label) => BoardOf(label) is not null && label.StartsWith("tegra", StringComparison.Ordinal);

    /// <summary>The board a label belongs to, or null when the label is not a known header chip.</summary>
    /// <param name="label">A chip label.</param>
    public static string? BoardOf(string label) =>
        All.FirstOrDefault(k => string.Equals(k.Label, label, StringComparison.Ordinal)).Board;
}
