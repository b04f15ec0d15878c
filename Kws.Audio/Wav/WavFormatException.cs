namespace Kws.Audio.Wav;

/// <summary>
/// A WAV file (or stream) that cannot be read: not RIFF/WAVE, cut short, malformed, or in a codec we do not read.
/// The message names the source and the problem, e.g. "clip.wav: data chunk declares 32000 bytes but only 100 follow".
/// </summary>
public sealed class WavFormatException : FormatException
{
    /// <summary>Creates the exception for a named source ("stream" when it has no name) and a problem.</summary>
    /// <param name="source">The file path or stream name.</param>
    /// <param name="problem">What is wrong, in words.</param>
    public WavFormatException(string source, string problem)
        : base($"{source}: {problem}")
    {
        SourceName = source;
        Problem = problem;
    }

    /// <summary>The file path or stream name that could not be read.</summary>
    public string SourceName { get; }

    /// <summary>What is wrong with it, without the source name.</summary>
    public string Problem { get; }
}
