using EdgeService.Leds;
using EdgeService.Detection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeService.Gpio;

/// <summary>
/// An <see cref="ILedDriver"/> on GPIO output lines: one line per LED name (keywords and "status"), active-high or
/// active-low each. Lines start dark (requested with their "off" level), and <see cref="Dispose"/> turns them all off
/// before releasing them. Calls are serialized by a lock (the detection sink and the status LED share the driver).
/// A name without a line is ignored.
/// </summary>
internal sealed partial class GpioLedDriver : ILedDriver, IDisposable
{
    private readonly IGpioOutputLines _lines;
    private readonly LedLine[] _leds;
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);
    private readonly ulong _allMask;
    private readonly ulong _offBits;
    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private ulong _bits;
    private bool _disposed;

    /// <summary>Drives <paramref name="lines"/>: the i-th LED of <paramref name="leds"/> is the i-th line of the request.</summary>
    /// <param name="lines">The requested output lines (owned: disposed by <see cref="Dispose"/>).</param>
    /// <param name="leds">The LEDs, in request order.</param>
    /// <param name="description">Where the LEDs are, for logs (e.g. "gpiochip0 [pinctrl-bcm2711]").</param>
    /// <param name="logger">Where a failure to turn the LEDs off at <see cref="Dispose"/> is reported (none when null).</param>
    public GpioLedDriver(IGpioOutputLines lines, IReadOnlyList<LedLine> leds, string description = "GPIO", ILogger<GpioLedDriver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(leds);
        if (leds.Count != lines.Count || leds.Count is 0 or > 64)
        {
            throw new ArgumentException($"{leds.Count} LEDs for {lines.Count} requested lines; they must match (1 to 64).", nameof(leds));
        }

        _lines = lines;
        _leds = [.. leds];
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Description = description;
        for (int i = 0; i < _leds.Length; i++)
        {
            if (!_index.TryAdd(_leds[i].Name, i))
            {
                throw new ArgumentException($"LED '{_leds[i].Name}' is listed twice.", nameof(leds));
            }

            _allMask |= 1UL << i;
            if (_leds[i].LevelFor(false))
            {
                _offBits |= 1UL << i;
            }
        }

        _bits = _offBits; // requested with these levels
    }

    /// <summary>Where the LEDs are, for logs.</summary>
    public string Description { get; }

    /// <summary>The LEDs, in request order.</summary>
    public IReadOnlyList<LedLine> Leds => _leds;

    /// <summary>
    /// Opens <paramref name="chipPath"/>, checks every line (in range, not in use by anyone) and requests them as
    /// outputs held by <paramref name="consumer"/>, all LEDs off. Throws <see cref="GpioException"/> naming the chip and line.
    /// </summary>
    /// <param name="chipPath">The chip device.</param>
    /// <param name="leds">The LEDs and their lines.</param>
    /// <param name="consumer">The label gpioinfo shows for the lines.</param>
    /// <param name="logger">Where a failure to turn the LEDs off at <see cref="Dispose"/> is reported.</param>
    public static GpioLedDriver Open(string chipPath, IReadOnlyList<LedLine> leds, string consumer, ILogger<GpioLedDriver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(leds);
        using var chip = GpioChip.Open(chipPath);
        foreach (var led in leds)
        {
            var info = chip.GetLineInfo(led.Offset); // throws for a line out of range
            if (info.Used)
            {
                throw GpioErrors.Busy(chip.Name, led.Offset, info.Consumer);
            }
        }

        var request = chip.RequestOutputs([.. leds.Select(l => l.Offset)], [.. leds.Select(l => l.LevelFor(false))], consumer);
        try
        {
            return new GpioLedDriver(request, leds, $"{chip.Name} [{chip.Label}]", logger);
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Set(string keyword, bool on)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        lock (_lock)
        {
            if (_disposed || !_index.TryGetValue(keyword, out int i))
            {
                return;
            }

            ulong bit = 1UL << i;
            ulong bits = _leds[i].LevelFor(on) ? _bits | bit : _bits & ~bit;
            _lines.SetValues(bits, bit);
            _bits = bits;
        }
    }

    /// <inheritdoc />
    public void AllOff()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                WriteAllOff();
            }
        }
    }

    /// <summary>True when the LED <paramref name="name"/> is lit (as last written).</summary>
    /// <param name="name">A keyword or "status".</param>
    public bool IsOn(string name)
    {
        lock (_lock)
        {
            return _index.TryGetValue(name, out int i) && ((_bits >> i) & 1) == 1 == _leds[i].LevelFor(true);
        }
    }

    /// <summary>Turns every LED off, then releases the lines (also when turning off fails: that is logged, not thrown). Idempotent.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                WriteAllOff();
            }
            catch (Exception e)
            {
                LogOffFailed(_logger, e, Description);
            }
            finally
            {
                _lines.Dispose();
            }
        }
    }

    private void WriteAllOff()
    {
        _lines.SetValues(_offBits, _allMask);
        _bits = _offBits;
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Warning, Message = "Could not turn the LEDs on {Where} off before releasing them")]
    private static partial void LogOffFailed(ILogger logger, Exception exception, string where);
}
