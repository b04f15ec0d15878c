using EdgeService.Tests.Cli;

namespace EdgeService.Tests.Audio;

/// <summary>
/// The real <c>kws-edge devices</c> on this machine (PortAudio over ALSA and JACK, no sound card, no JACK server):
/// standard error carries our own words only, not the libraries' printing; with KWS_DEBUG=1 the libraries speak again.
/// </summary>
public sealed class AudioLibraryNoiseTests
{
    private static bool IsLibraryNoise(string line) =>
        line.StartsWith("ALSA lib", StringComparison.Ordinal) || line.Contains("Jack", StringComparison.Ordinal) ||
        line.Contains("jack server", StringComparison.Ordinal) || line.StartsWith("Cannot connect to server", StringComparison.Ordinal);

    [Fact]
    public void Devices_prints_no_line_of_ALSA_or_JACK()
    {
        var quiet = EdgeProcess.Run(["devices"]);
        var debug = EdgeProcess.Run(["devices"], environment: new Dictionary<string, string> { ["KWS_DEBUG"] = "1" });

        Assert.Equal(0, quiet.ExitCode);
        var noise = (quiet.Out + quiet.Err).Split('\n').Where(IsLibraryNoise).ToList();
        Assert.True(noise.Count == 0, $"{noise.Count} lines of the audio libraries: {string.Join(" | ", noise.Take(5))}");

        // Without any sound card ALSA's library always has something to say: KWS_DEBUG=1 lets it say it.
        if (quiet.Out.Contains("No audio input devices found", StringComparison.Ordinal))
        {
            Assert.Contains(debug.Err.Split('\n'), l => l.StartsWith("ALSA lib", StringComparison.Ordinal));
        }
    }
}
