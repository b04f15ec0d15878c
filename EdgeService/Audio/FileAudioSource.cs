using Kws.Audio;
using Kws.Audio.Wav;

namespace EdgeService.Audio;

/// <summary>
/// A WAV file as the audio source (<c>Audio:Source=file</c>): any format the reader takes, read block by block through
/// the one conversion chain (<see cref="WavStreamReader"/>: mixed to mono, resampled to the pipeline's rate), written
/// in real time or as fast as the pipeline goes. The header is checked when the source is made (so a missing or
/// malformed file is reported before the service starts); a data chunk cut short ends the source with a fault when
/// reading reaches it. Memory does not grow with the file's length.
/// </summary>
internal sealed class FileAudioSource : PumpedAudioSource
{
    private readonly string _path;
    private WavStreamReader _reader;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="FileNotFoundException"/> or <see cref="WavFormatException"/> naming it.</summary>
    public FileAudioSource(string path, TimeProvider time, bool realtime)
        : base(time, realtime)
    {
        _path = path;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"audio file '{path}' does not exist", path);
        }

        _reader = WavStreamReader.Open(path, PipelineAudio.SampleRateHz);
    }

    /// <summary>The length of the recording at the pipeline's rate, in seconds.</summary>
    public double DurationS => _reader.DurationS;

    /// <inheritdoc />
    protected override string Name => $"file source {Path.GetFileName(_path)}";

    /// <inheritdoc />
    protected override void Open()
    {
        _reader.Dispose();
        _reader = WavStreamReader.Open(_path, PipelineAudio.SampleRateHz);
    }

    /// <inheritdoc />
    protected override int ReadBlock(Span<float> block) => _reader.Read(block);

    /// <inheritdoc />
    protected override void Close() => _reader.Dispose();
}
