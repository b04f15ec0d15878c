using TestSupport;
using System.Runtime.InteropServices;

namespace EdgeService.Tests.Audio;

/// <summary>
/// ALSA "file" devices for the real PortAudio library: each captures exactly the bytes of a raw file (format "raw"),
/// in the format the stream opens. Activated by pointing ALSA_CONFIG_PATH at our configuration through libc setenv
/// (Environment.SetEnvironmentVariable does not reach native getenv) before anything in this test process
/// initialises PortAudio: the PortAudio collection makes this fixture first. Capture from such a device runs much
/// faster than real time and returns stale data past the end of the file, so the files hold more than the tests take.
/// </summary>
public sealed partial class AlsaFileDevices : IDisposable
{
    public const string Mono16 = "kwsmono16";

    /// <summary>Bytes per second of 16 kHz mono S16_LE, the format the tests' streams open a pipe-backed device in.</summary>
    public const int Mono16BytesPerSecond = 16000 * 2;
    public const string I2s48 = "kwsi2s48";
    public const string Float16 = "kwsfloat16";
    public const double ToneHz = 1000;
    public const double ToneAmplitude = 0.5;
    public const double DcOffset = 0.05;

    private readonly List<string> _devices = [];

    public AlsaFileDevices()
    {
        if (!NativeLibrary.TryLoad("libportaudio.so.2", out var handle))
        {
            SkipReason = "libportaudio.so.2 is not installed (apt-get install libportaudio2)";
            return;
        }

        NativeLibrary.Free(handle);
        Dir = TestSupport.TestPaths.NewTempDir("kws-alsa");
        ConfigPath = Path.Combine(Dir, "asound.conf");

        var rng = new Random(42);
        Mono16Samples = Enumerable.Range(0, 32000).Select(_ => (short)rng.Next(short.MinValue, short.MaxValue + 1)).ToArray();
        AddDevice(Mono16, MemoryMarshal.AsBytes(Mono16Samples.AsSpan()).ToArray());

        Float16Samples = Enumerable.Range(0, 32000).Select(_ => (float)((rng.NextDouble() * 1.8) - 0.9)).ToArray();
        AddDevice(Float16, MemoryMarshal.AsBytes(Float16Samples.AsSpan()).ToArray());

        // 48 kHz stereo S32_LE like an INMP441: 24 significant bits, left-justified, a DC offset, the right slot empty.
        var frames = 96000;
        var i2s = new int[frames * 2];
        for (var i = 0; i < frames; i++)
        {
            var v = (ToneAmplitude * Math.Sin(2 * Math.PI * ToneHz * i / 48000)) + DcOffset;
            i2s[2 * i] = (int)Math.Round(v * 8388607) << 8;
        }

        I2sBytes = MemoryMarshal.AsBytes(i2s.AsSpan()).ToArray();
        AddDevice(I2s48, I2sBytes);

        WriteConfig();
        var path = AlsaConfigPath(ConfigPath);
        if (SetEnv("ALSA_CONFIG_PATH", path, 1) != 0)
        {
            throw new InvalidOperationException("setenv(ALSA_CONFIG_PATH) failed");
        }
    }

    /// <summary>Why the PortAudio tests cannot run here, or null.</summary>
    public string? SkipReason { get; }

    public string Dir { get; } = string.Empty;

    public string ConfigPath { get; } = string.Empty;

    public short[] Mono16Samples { get; } = [];

    public float[] Float16Samples { get; } = [];

    public byte[] I2sBytes { get; } = [];

    public void RequireAvailable()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    /// <summary>
    /// Writes a configuration with one file device, <paramref name="name"/>, capturing from <paramref name="infile"/>,
    /// as <c>asound.conf</c> in <paramref name="dir"/>, for a child process (see <see cref="AlsaConfigPath"/>).
    /// </summary>
    /// <returns>The configuration file's path.</returns>
    public static string WriteOneDeviceConfig(string dir, string name, string infile)
    {
        var conf = Path.Combine(dir, "asound.conf");
        File.WriteAllText(conf, FileDevice(name, infile) + "\n");
        return conf;
    }

    /// <summary>The value of ALSA_CONFIG_PATH that adds <paramref name="conf"/> to ALSA's own configuration.</summary>
    public static string AlsaConfigPath(string conf) => $"/usr/share/alsa/alsa.conf:{conf}";

    /// <summary>Adds a file device (rewrites the configuration; a later Pa_Initialize sees it).</summary>
    public void AddDevice(string name, byte[] content)
    {
        var raw = Path.Combine(Dir, name + ".raw");
        File.WriteAllBytes(raw, content);
        _devices.Add(FileDevice(name, raw));
    }

    /// <summary>Adds a file device that captures from <paramref name="infile"/> as it is (e.g. a named pipe; rewrites the configuration).</summary>
    public void AddInfileDevice(string name, string infile)
    {
        _devices.Add(FileDevice(name, infile));
        WriteConfig();
    }

    /// <summary>Takes a device out of the configuration again (a later Pa_Initialize no longer sees it).</summary>
    public void RemoveDevice(string name)
    {
        _devices.RemoveAll(d => d.StartsWith($"pcm.{name} ", StringComparison.Ordinal));
        WriteConfig();
    }

    public void WriteConfig() => File.WriteAllLines(ConfigPath, _devices);

    /// <summary>An ALSA "file" device that captures the bytes of <paramref name="infile"/> as they are (format "raw").</summary>
    private static string FileDevice(string name, string infile) =>
        $"pcm.{name} {{ type file; slave.pcm {{ type null }}; file \"/dev/null\"; infile \"{infile}\"; format \"raw\" }}";

    public void Dispose()
    {
        if (Dir.Length > 0)
        {
            Directory.Delete(Dir, recursive: true);
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);
}

[CollectionDefinition("PortAudio", DisableParallelization = true)]
public sealed class PortAudioCollection : ICollectionFixture<AlsaFileDevices>;
