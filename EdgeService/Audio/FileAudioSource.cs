using Kws.Audio;
using Kws.Audio.Wav;

namespace EdgeService.Audio;

/// <summary>
/// A WAV file as the audio source (<c>Audio:Source=file</c>): any format the reader takes, mixed to mono and
/// resampled to 16 kHz when the source is made (so a missing or malformed file is reported before the service
/// starts), then written in real time or as fast as the pipeline goes.
/// </summary>
internal sealed class FileAudioSource : PumpedAudioSource
{
    private readonly string _path;
    private readonly float[] _audio;
    private int _position;

    /// <summary>Reads <paramref name="path"/>; throws <see cref="FileNotFoundException"/> or <see cref="WavFormatException"/> naming it.</summary>
    public FileAudioSource(string path, TimeProvider time, bool realtime)
        : base(time, realtime)
    {
        _path = path;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"audio file '{path}' does not exist", path);
        }

        _audio = AudioFiles.ReadMono(path, 16000);
    }

    /// <summary>The samples (16 kHz mono) of the file, once opened.</summary>
    public int Length => _audio.Length;

    /// <inheritdoc />
    protected override string Name => $"file source {Path.GetFileName(_path)}";

    /// <inheritdoc />
    protected override void Open() => _position = 0;

    /// <inheritdoc />
    protected override int ReadBlock(Span<float> block)
    {
        var n = Math.Min(block.Length, _audio.Length - _position);
        _audio.AsSpan(_position, n).CopyTo(block);
        _position += n;
        return n;
    }

    /// <inheritdoc />
    protected override void Close()
    {
    }
}
