using System.CommandLine;
using System.Globalization;
using System.Text;
using EdgeService.Audio;
using EdgeService.Audio.PortAudio;

namespace EdgeService.Cli;

/// <summary><c>kws-edge devices</c>: lists the audio input devices PortAudio sees, for choosing <c>Audio:Device</c>.</summary>
internal static class DevicesCommand
{
    /// <summary>Makes the command.</summary>
    /// <param name="listDevices">Lists the devices; PortAudio's list when null (tests pass their own).</param>
    /// <param name="output">Where the table goes; standard output when null.</param>
    /// <param name="error">Where errors go; standard error when null.</param>
    public static Command Create(Func<IReadOnlyList<AudioInputDevice>>? listDevices = null, TextWriter? output = null, TextWriter? error = null)
    {
        var command = new Command("devices", "List the audio input devices (index, name, host API, channels, default rate) for Audio:Device.");
        command.SetAction(parse =>
        {
            var outWriter = output ?? Console.Out;
            var errWriter = error ?? Console.Error;
            try
            {
                var devices = (listDevices ?? PortAudioDeviceCatalog.ListInputDevices)();
                if (!parse.GetValue(EdgeCli.Json))
                {
                    outWriter.Write(Format(devices));
                }
                else if (devices.Count == 0)
                {
                    errWriter.Write(Format(devices)); // no lines on standard output, the hint on standard error
                }
                else
                {
                    outWriter.Write(FormatJson(devices));
                }

                return 0;
            }
            catch (Exception e) when (e is PortAudioLibraryMissingException or PortAudioException)
            {
                errWriter.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// What <c>devices --json</c> prints: one JSON object per device and line,
    /// <c>{"index":4,"name":"default","host_api":"ALSA","inputs":128,"default_rate_hz":44100,"default":true}</c>.
    /// </summary>
    public static string FormatJson(IReadOnlyList<AudioInputDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var text = new StringBuilder();
        foreach (var d in devices)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteNumber("index", d.Index);
                json.WriteString("name", d.Name);
                json.WriteString("host_api", d.HostApi);
                json.WriteNumber("inputs", d.MaxInputChannels);
                json.WriteNumber("default_rate_hz", d.DefaultSampleRateHz);
                json.WriteBoolean("default", d.IsDefault);
                json.WriteEndObject();
            }

            text.Append(Encoding.UTF8.GetString(buffer.WrittenSpan)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The table <c>devices</c> prints, with a hint on how to choose one.</summary>
    public static string Format(IReadOnlyList<AudioInputDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var text = new StringBuilder();
        if (devices.Count == 0)
        {
            text.AppendLine("No audio input devices found. Plug in a microphone (or enable the I2S overlay) and check that this user is in the 'audio' group.");
            return text.ToString();
        }

        var nameWidth = Math.Max(4, devices.Max(d => d.Name.Length));
        var apiWidth = Math.Max(8, devices.Max(d => d.HostApi.Length));
        text.AppendLine(CultureInfo.InvariantCulture, $"{"index",5}  {"name".PadRight(nameWidth)}  {"host API".PadRight(apiWidth)}  {"inputs",6}  {"rate Hz",8}  default");
        foreach (var d in devices)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{d.Index,5}  {d.Name.PadRight(nameWidth)}  {d.HostApi.PadRight(apiWidth)}  {d.MaxInputChannels,6}  {d.DefaultSampleRateHz,8:0.#}  {(d.IsDefault ? "*" : string.Empty)}");
        }

        text.AppendLine("Choose one with Audio:Device = an index, or a part of its name (case-insensitive); empty = the default (*).");
        return text.ToString();
    }
}
