using TestSupport;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using EdgeService.Gpio.Native;

namespace EdgeService.Tests.Gpio;

/// <summary>
/// Compiles a small C program (Gpio/gpio-layout.c) against the system's &lt;linux/gpio.h&gt; that prints sizeof and offsetof of every
/// struct and field the binding uses and the ioctl request codes, and checks that the C# structs (measured, not the
/// constants they declare) and codes match.
/// </summary>
public class GpioHeaderLayoutTests
{
    /// <summary>The C program, copied next to the test assembly.</summary>
    private static readonly string CSource = Path.Combine(AppContext.BaseDirectory, "Gpio", "gpio-layout.c");

    private static readonly Lazy<Dictionary<string, ulong>> Header = new(CompileAndRun);

    public static TheoryData<string, ulong> CSharpLayout()
    {
        GpioChipInfo chip = default;
        GpioV2LineValues values = default;
        GpioV2LineAttribute attr = default;
        GpioV2LineConfigAttribute configAttr = default;
        GpioV2LineConfig config = default;
        GpioV2LineRequest request = default;
        GpioV2LineInfo info = default;
        return new TheoryData<string, ulong>
        {
            { "sizeof gpiochip_info", (ulong)Unsafe.SizeOf<GpioChipInfo>() },
            { "offsetof gpiochip_info.name", Offset(ref chip, ref chip.Name) },
            { "offsetof gpiochip_info.label", Offset(ref chip, ref chip.Label) },
            { "offsetof gpiochip_info.lines", Offset(ref chip, ref chip.Lines) },
            { "sizeof gpio_v2_line_values", (ulong)Unsafe.SizeOf<GpioV2LineValues>() },
            { "offsetof gpio_v2_line_values.bits", Offset(ref values, ref values.Bits) },
            { "offsetof gpio_v2_line_values.mask", Offset(ref values, ref values.Mask) },
            { "sizeof gpio_v2_line_attribute", (ulong)Unsafe.SizeOf<GpioV2LineAttribute>() },
            { "offsetof gpio_v2_line_attribute.id", Offset(ref attr, ref attr.Id) },
            { "offsetof gpio_v2_line_attribute.flags", Offset(ref attr, ref attr.Flags) },
            { "offsetof gpio_v2_line_attribute.values", Offset(ref attr, ref attr.Values) },
            { "offsetof gpio_v2_line_attribute.debounce_period_us", Offset(ref attr, ref attr.DebouncePeriodUs) },
            { "sizeof gpio_v2_line_config_attribute", (ulong)Unsafe.SizeOf<GpioV2LineConfigAttribute>() },
            { "offsetof gpio_v2_line_config_attribute.attr", Offset(ref configAttr, ref configAttr.Attr) },
            { "offsetof gpio_v2_line_config_attribute.mask", Offset(ref configAttr, ref configAttr.Mask) },
            { "sizeof gpio_v2_line_config", (ulong)Unsafe.SizeOf<GpioV2LineConfig>() },
            { "offsetof gpio_v2_line_config.flags", Offset(ref config, ref config.Flags) },
            { "offsetof gpio_v2_line_config.num_attrs", Offset(ref config, ref config.NumAttrs) },
            { "offsetof gpio_v2_line_config.attrs", Offset(ref config, ref config.Attrs) },
            { "sizeof gpio_v2_line_request", (ulong)Unsafe.SizeOf<GpioV2LineRequest>() },
            { "offsetof gpio_v2_line_request.offsets", Offset(ref request, ref request.Offsets) },
            { "offsetof gpio_v2_line_request.consumer", Offset(ref request, ref request.Consumer) },
            { "offsetof gpio_v2_line_request.config", Offset(ref request, ref request.Config) },
            { "offsetof gpio_v2_line_request.num_lines", Offset(ref request, ref request.NumLines) },
            { "offsetof gpio_v2_line_request.event_buffer_size", Offset(ref request, ref request.EventBufferSize) },
            { "offsetof gpio_v2_line_request.fd", Offset(ref request, ref request.Fd) },
            { "sizeof gpio_v2_line_info", (ulong)Unsafe.SizeOf<GpioV2LineInfo>() },
            { "offsetof gpio_v2_line_info.name", Offset(ref info, ref info.Name) },
            { "offsetof gpio_v2_line_info.consumer", Offset(ref info, ref info.Consumer) },
            { "offsetof gpio_v2_line_info.offset", Offset(ref info, ref info.Offset) },
            { "offsetof gpio_v2_line_info.num_attrs", Offset(ref info, ref info.NumAttrs) },
            { "offsetof gpio_v2_line_info.flags", Offset(ref info, ref info.Flags) },
            { "offsetof gpio_v2_line_info.attrs", Offset(ref info, ref info.Attrs) },
            { "ioctl GPIO_GET_CHIPINFO_IOCTL", GpioIoctl.GetChipInfo },
            { "ioctl GPIO_V2_GET_LINEINFO_IOCTL", GpioIoctl.GetLineInfo },
            { "ioctl GPIO_V2_GET_LINE_IOCTL", GpioIoctl.GetLine },
            { "ioctl GPIO_V2_LINE_SET_VALUES_IOCTL", GpioIoctl.SetValues },
            { "const GPIO_MAX_NAME_SIZE", GpioIoctl.MaxNameSize },
            { "const GPIO_V2_LINES_MAX", GpioIoctl.LinesMax },
            { "const GPIO_V2_LINE_NUM_ATTRS_MAX", GpioIoctl.NumAttrsMax },
            { "const GPIO_V2_LINE_FLAG_USED", GpioIoctl.FlagUsed },
            { "const GPIO_V2_LINE_FLAG_ACTIVE_LOW", GpioIoctl.FlagActiveLow },
            { "const GPIO_V2_LINE_FLAG_INPUT", GpioIoctl.FlagInput },
            { "const GPIO_V2_LINE_FLAG_OUTPUT", GpioIoctl.FlagOutput },
            { "const GPIO_V2_LINE_ATTR_ID_FLAGS", GpioIoctl.AttrIdFlags },
            { "const GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES", GpioIoctl.AttrIdOutputValues },
            { "const GPIO_V2_LINE_ATTR_ID_DEBOUNCE", GpioIoctl.AttrIdDebounce },
        };
    }

    [Theory]
    [MemberData(nameof(CSharpLayout))]
    public void BindingMatchesLinuxGpioHeader(string what, ulong ours)
    {
        Assert.True(Header.Value.TryGetValue(what, out var c), $"the C program printed no '{what}'");
        Assert.Equal(c, ours);
    }

    [Fact]
    public void EveryHeaderValueIsChecked()
    {
        var checkedKeys = CSharpLayout().Select(row => row.Data.Item1).ToHashSet();
        Assert.DoesNotContain(Header.Value.Keys, k => !checkedKeys.Contains(k));
    }

    [Fact]
    public void DeclaredSizeConstantsAreTheMeasuredSizes()
    {
        Assert.Equal(GpioChipInfo.SizeInBytes, Unsafe.SizeOf<GpioChipInfo>());
        Assert.Equal(GpioV2LineValues.SizeInBytes, Unsafe.SizeOf<GpioV2LineValues>());
        Assert.Equal(GpioV2LineAttribute.SizeInBytes, Unsafe.SizeOf<GpioV2LineAttribute>());
        Assert.Equal(GpioV2LineConfigAttribute.SizeInBytes, Unsafe.SizeOf<GpioV2LineConfigAttribute>());
        Assert.Equal(GpioV2LineConfig.SizeInBytes, Unsafe.SizeOf<GpioV2LineConfig>());
        Assert.Equal(GpioV2LineRequest.SizeInBytes, Unsafe.SizeOf<GpioV2LineRequest>());
        Assert.Equal(GpioV2LineInfo.SizeInBytes, Unsafe.SizeOf<GpioV2LineInfo>());
    }

    private static ulong Offset<TStruct, TField>(ref TStruct s, ref TField field) =>
        (ulong)Unsafe.ByteOffset(ref Unsafe.As<TStruct, byte>(ref s), ref Unsafe.As<TField, byte>(ref field));

    private static Dictionary<string, ulong> CompileAndRun()
    {
        const string Install = "install gcc and linux-libc-dev (scripts/install-deps.sh installs them)";
        if (!File.Exists("/usr/include/linux/gpio.h"))
        {
            Assert.Fail($"/usr/include/linux/gpio.h is missing: {Install}.");
        }

        var dir = TestSupport.TestPaths.NewTempDir("gpio-layout");
        try
        {
            Assert.True(File.Exists(CSource), $"{CSource} is missing: the build copies it from EdgeService.Tests/Gpio");
            var exe = Path.Combine(dir, "layout");
            var (gccCode, gccOut) = Run("gcc", $"-std=c11 -Wall -Werror -o \"{exe}\" \"{CSource}\"", $"gcc was not found: {Install}.");
            Assert.True(gccCode == 0, $"gcc failed ({Install} if a header is missing):\n{gccOut}");
            var (code, output) = Run(exe, string.Empty, "the compiled layout program did not start");
            Assert.True(code == 0, $"the layout program failed:\n{output}");
            var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = line.Split(' ');
                values[$"{parts[0]} {parts[1]}"] = ulong.Parse(parts[2], CultureInfo.InvariantCulture);
            }

            return values;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (int Code, string Output) Run(string file, string arguments, string whenMissing)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(whenMissing);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail(whenMissing);
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
