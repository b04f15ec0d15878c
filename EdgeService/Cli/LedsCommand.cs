using System.CommandLine;
using EdgeService.Gpio;
using EdgeService.Leds;
using Microsoft.Extensions.Logging;

namespace EdgeService.Cli;

/// <summary>
/// <c>kws-edge leds</c>: <c>leds test</c> lights each configured LED in turn; <c>leds chips</c> lists the GPIO chips
/// and the one <c>auto</c> picks. Exit codes: 0 done, 2 a GPIO or settings problem (one clear line on standard error),
/// 130 cancelled.
/// </summary>
internal static class LedsCommand
{
    /// <summary>Exit code of a GPIO or settings problem.</summary>
    public const int ConfigurationError = 2;

    /// <summary>Exit code when cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;

    /// <summary>Makes the <c>leds</c> command with its <c>test</c> and <c>chips</c> subcommands.</summary>
    /// <param name="loadOptions">Reads the Leds section of the configuration (called when a subcommand runs).</param>
    /// <param name="loggerFactory">Where the test logs what it lights.</param>
    /// <param name="chips">The GPIO chips (default: /dev).</param>
    /// <param name="time">The clock for the steps (default: the system clock).</param>
    public static Command Create(Func<ParseResult, LedOptions> loadOptions, ILoggerFactory loggerFactory, IGpioChipEnumerator? chips = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(loadOptions);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        chips ??= new DevGpioChipEnumerator();
        time ??= TimeProvider.System;

        var chip = new Option<string?>("--chip") { Description = "GPIO chip, overriding Leds:Chip: auto, a path (/dev/gpiochip4), a name (gpiochip0) or a label (pinctrl-rp1)" };
        var stepMs = new Option<int>("--step-ms") { Description = "How long each LED stays lit, in milliseconds", DefaultValueFactory = _ => (int)LedSelfTest.DefaultStep.TotalMilliseconds };
        var test = new Command("test", "Light each configured LED in turn (keywords, then the status LED) to check the wiring.") { chip, stepMs };
        test.TreatUnmatchedTokensAsErrors = false;
        test.SetAction((parse, cancellationToken) => EdgeErrors.GuardAsync(() =>
        {
            var options = loadOptions(parse);
            if (parse.GetValue(chip) is { Length: > 0 } chosen)
            {
                options.Chip = chosen;
            }

            return RunTestAsync(options, chips, time, loggerFactory, TimeSpan.FromMilliseconds(parse.GetValue(stepMs)), parse.InvocationConfiguration.Error, cancellationToken);
        }));

        var list = new Command("chips", "List the GPIO chips and the one Leds:Chip=auto would use.");
        list.SetAction(parse => ListChips(chips, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));

        return new Command("leds", "GPIO LEDs: test the wiring, list the GPIO chips.") { test, list };
    }

    /// <summary>The logic of <c>leds test</c>: opens the LEDs as the service does, lights each in turn, returns the exit code.</summary>
    /// <param name="options">The LED settings.</param>
    /// <param name="chips">The GPIO chips.</param>
    /// <param name="time">The clock for the steps.</param>
    /// <param name="loggerFactory">Where the steps are logged.</param>
    /// <param name="step">How long each LED stays lit.</param>
    /// <param name="error">Where a failure is written (one line, no stack trace).</param>
    /// <param name="cancellationToken">Stops the test.</param>
    public static async Task<int> RunTestAsync(LedOptions options, IGpioChipEnumerator chips, TimeProvider time, ILoggerFactory loggerFactory, TimeSpan step, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (step <= TimeSpan.Zero)
        {
            await error.WriteLineAsync($"error: --step-ms must be a positive number of milliseconds, got {step.TotalMilliseconds}").ConfigureAwait(false);
            return ConfigurationError;
        }

        try
        {
            var driver = new LedDriverFactory(chips, loggerFactory).Create(options);
            try
            {
                var selfTest = new LedSelfTest(driver, options, time, loggerFactory.CreateLogger<LedSelfTest>());
                await selfTest.RunAsync(step, cancellationToken).ConfigureAwait(false);
                return 0;
            }
            finally
            {
                (driver as IDisposable)?.Dispose();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Cancelled;
        }
        catch (Exception e) when (e is GpioException or ArgumentException)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ConfigurationError;
        }
    }

    /// <summary>The logic of <c>leds chips</c>: one line per chip, then what auto would choose.</summary>
    /// <param name="chips">The GPIO chips.</param>
    /// <param name="output">Where the list goes.</param>
    /// <param name="error">Where a failure goes.</param>
    public static int ListChips(IGpioChipEnumerator chips, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(chips);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var chip in chips.Enumerate())
        {
            output.WriteLine($"{chip.Path}\t{chip}");
        }

        try
        {
            var choice = GpioChipSelector.Select(GpioChipSelector.Auto, chips);
            output.WriteLine(choice.Path is null ? $"auto: no chip ({choice.Explanation})" : $"auto: {choice.Path} ({choice.Explanation})");
            return 0;
        }
        catch (GpioException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ConfigurationError;
        }
    }
}
