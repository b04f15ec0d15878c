using Kws.Detection.Options;

namespace EdgeService.Leds;

/// <summary>
/// Settings of the LEDs (configuration section <see cref="Section"/>): which GPIO chip, one line per keyword, an
/// optional status LED, polarity and timing. Line numbers are offsets on the chosen chip: on a Raspberry Pi they are
/// the BCM numbers (yes on BCM 17 = physical pin 11, no on BCM 27 = pin 13); see docs/GPIO.md for Jetson.
/// </summary>
internal sealed class LedOptions : ISelfValidatingOptions
{
    /// <summary>The configuration section: "Leds" (so the chip is the key <c>Leds:Chip</c>).</summary>
    public const string Section = "Leds";

    /// <summary>The consumer label the service's lines carry (gpioinfo shows it).</summary>
    public const string Consumer = "kws-edge";

    /// <summary>The <see cref="Chip"/> value that lets the service find the header's chip itself.</summary>
    public const string AutoChip = "auto";

    /// <summary>The LED name of the status LED (reserved: no keyword may use it).</summary>
    public const string StatusLedName = "status";

    /// <summary>The highest line offset accepted (no supported chip has nearly as many lines).</summary>
    public const int MaxLineOffset = 1023;

    /// <summary>When false no GPIO is touched and LED changes are only logged. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The GPIO chip: a path ("/dev/gpiochip4"), a kernel name ("gpiochip0"), a label ("pinctrl-rp1"), or "auto"
    /// (default): the 40-pin header's chip recognised by its label; without GPIO the LEDs are only logged.
    /// </summary>
    public string Chip { get; set; } = AutoChip;

    /// <summary>
    /// Keyword to line offset. Defaults: yes = 17, no = 27 (BCM numbering on a Raspberry Pi). Configuration adds to and
    /// overrides these; a negative offset (e.g. -1) removes a keyword's LED.
    /// </summary>
    public Dictionary<string, int> Lines { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["yes"] = 17, ["no"] = 27 };

    /// <summary>True when the LEDs light with the line low (LED between 3.3 V and the pin). Default false (active-high).</summary>
    public bool ActiveLow { get; set; }

    /// <summary>Per-LED polarity that overrides <see cref="ActiveLow"/>, by LED name (a keyword or "status"). Default none.</summary>
    public Dictionary<string, bool> ActiveLowByLed { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a keyword's LED stays lit after its latest detection, in milliseconds. Default 1000 ms.</summary>
    public int OnMs { get; set; } = 1000;

    /// <summary>The line of the optional status LED (heartbeat while listening, steady while the audio source fails). Default none.</summary>
    public int? StatusLine { get; set; }

    /// <summary>The status LED's heartbeat period in milliseconds. Default 2000 ms.</summary>
    public int HeartbeatPeriodMs { get; set; } = 2000;

    /// <summary>How long the status LED is lit in each heartbeat period, in milliseconds. Default 100 ms.</summary>
    public int HeartbeatOnMs { get; set; } = 100;

    /// <summary>True when the keyword lines are exactly the defaults (yes = 17, no = 27: Raspberry Pi BCM numbers).</summary>
    public bool UsesRaspberryPiDefaultLines()
    {
        var used = Lines.Where(kv => kv.Value >= 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        return used.Count == 2 && used.TryGetValue("yes", out var yes) && yes == 17 && used.TryGetValue("no", out var no) && no == 27;
    }

    /// <summary>The keyword LEDs' timing as the detection sink wants it.</summary>
    public LedDetectionSinkOptions ToSinkOptions() => new() { OnMs = OnMs };

    /// <summary>Every LED with its line and polarity: the keywords (in name order) then the status LED, if any.</summary>
    public IReadOnlyList<LedLine> ResolveLines()
    {
        var leds = Lines
            .Where(kv => kv.Value >= 0)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new LedLine(kv.Key, kv.Value, IsActiveLow(kv.Key)))
            .ToList();
        if (StatusLine is { } status)
        {
            leds.Add(new LedLine(StatusLedName, status, IsActiveLow(StatusLedName)));
        }

        return leds;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Chip))
        {
            problems.Add("Leds:Chip is empty; it must be auto, a path such as /dev/gpiochip0, a name such as gpiochip0, or a label such as pinctrl-rp1.");
        }

        ValidateLines(problems);

        if (OnMs is < 1 or > 600_000)
        {
            problems.Add($"Leds:OnMs is {OnMs}; it must be between 1 and 600000 ms.");
        }

        if (HeartbeatPeriodMs is < 100 or > 60_000)
        {
            problems.Add($"Leds:HeartbeatPeriodMs is {HeartbeatPeriodMs}; it must be between 100 and 60000 ms.");
        }

        if (HeartbeatOnMs < 1 || HeartbeatOnMs >= HeartbeatPeriodMs)
        {
            problems.Add($"Leds:HeartbeatOnMs is {HeartbeatOnMs}; it must be at least 1 ms and shorter than HeartbeatPeriodMs ({HeartbeatPeriodMs} ms).");
        }

        return problems;
    }

    private void ValidateLines(List<string> problems)
    {
        var byOffset = new Dictionary<int, string>();
        foreach (var (name, offset) in Lines)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add("Leds:Lines has an empty keyword.");
                continue;
            }

            if (string.Equals(name, StatusLedName, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"Leds:Lines:{name} uses the reserved name '{StatusLedName}'; set Leds:StatusLine for the status LED.");
                continue;
            }

            if (offset > MaxLineOffset)
            {
                problems.Add($"Leds:Lines:{name} is {offset}; a line offset must be between 0 and {MaxLineOffset} (or negative for no LED).");
            }
            else if (offset >= 0 && !byOffset.TryAdd(offset, name))
            {
                problems.Add($"Leds:Lines:{name} and Leds:Lines:{byOffset[offset]} both use line {offset}; each LED needs its own line.");
            }
        }

        if (StatusLine is { } status)
        {
            if (status is < 0 or > MaxLineOffset)
            {
                problems.Add($"Leds:StatusLine is {status}; it must be between 0 and {MaxLineOffset}, or absent for no status LED.");
            }
            else if (byOffset.TryGetValue(status, out var keyword))
            {
                problems.Add($"Leds:StatusLine and Leds:Lines:{keyword} both use line {status}; each LED needs its own line.");
            }
        }

        if (byOffset.Count + (StatusLine is null ? 0 : 1) > 64)
        {
            problems.Add($"Leds has {byOffset.Count + (StatusLine is null ? 0 : 1)} LEDs; at most 64 lines can be requested.");
        }

        foreach (var name in ActiveLowByLed.Keys)
        {
            bool known = string.Equals(name, StatusLedName, StringComparison.OrdinalIgnoreCase) || Lines.ContainsKey(name);
            if (!known)
            {
                problems.Add($"Leds:ActiveLowByLed:{name} names no LED; use a keyword of Leds:Lines or '{StatusLedName}'.");
            }
        }
    }

    private bool IsActiveLow(string name) => ActiveLowByLed.TryGetValue(name, out var low) ? low : ActiveLow;
}
