using Kws.Detection.Options;
using System.Numerics.Tensors;

namespace Kws.Detection.Pipeline;

/// <summary>The adaptive-floor energy gate of <see cref="IEnergyGate"/>, timed on the sample clock.</summary>
public sealed class EnergyGate : IEnergyGate
{
    /// <summary>The energy reported for digital silence, in dBFS (the mean square is floored at 1e-12).</summary>
    public const float SilenceDbfs = -120f;

    private const float MinMeanSquare = 1e-12f;

    private readonly bool _enabled;
    private readonly double _marginDb;
    private readonly long _hangSamples;
    private readonly double _riseDbPerSample;
    private readonly double _fallDbPerSample;
    private readonly double _minFloorDbfs;

    private bool _started;
    private double _floorDbfs = double.NaN;
    private bool _anyLoud;
    private long _lastLoudEnd;
    private long _closedSince;
    private long _processedSamples;
    private long _openSamples;

    /// <summary>Makes a gate for audio at <paramref name="sampleRateHz"/>.</summary>
    /// <param name="options">The gate's settings (validated here).</param>
    /// <param name="sampleRateHz">The sample clock's rate, in Hz.</param>
    public EnergyGate(EnergyGateOptions options, int sampleRateHz)
    {
        SampleClock.RequireRate(sampleRateHz, "Energy gate");
        OptionsGuard.ThrowIfInvalid(options, "energy gate options");
        _enabled = options.Enabled;
        _marginDb = options.MarginDb;
        _hangSamples = SampleClock.MsToSamples(options.HangMs, sampleRateHz);
        _riseDbPerSample = options.FloorRiseDbPerSecond / sampleRateHz;
        _fallDbPerSample = options.FloorFallDbPerSecond / sampleRateHz;
        _minFloorDbfs = options.MinFloorDbfs;
    }

    /// <summary>Whether the gate was open for the latest frame.</summary>
    public bool IsOpen { get; private set; }

    /// <inheritdoc />
    public bool JustOpened { get; private set; }

    /// <inheritdoc />
    public long ClosedSpanSamples { get; private set; }

    /// <inheritdoc />
    public float LastEnergyDbfs { get; private set; } = float.NaN;

    /// <summary>The current noise floor, in dBFS (NaN before the first frame).</summary>
    public float NoiseFloorDbfs => (float)_floorDbfs;

    /// <summary>The share of the samples processed so far for which the gate was open, in [0, 1] (0 before the first frame).</summary>
    public double OpenShare => _processedSamples == 0 ? 0 : (double)_openSamples / _processedSamples;

    /// <summary>The energy of <paramref name="frame"/> in dBFS: 10·log10(mean square), at least <see cref="SilenceDbfs"/>.</summary>
    /// <param name="frame">Mono samples, full scale 1.0.</param>
    /// <returns>The energy in dBFS.</returns>
    public static float EnergyDbfs(ReadOnlySpan<float> frame)
    {
        if (frame.IsEmpty)
        {
            return SilenceDbfs;
        }

        float meanSquare = TensorPrimitives.SumOfSquares(frame) / frame.Length;
        return 10f * MathF.Log10(MathF.Max(meanSquare, MinMeanSquare));
    }

    /// <inheritdoc />
    public bool Process(ReadOnlySpan<float> frame, long firstSampleIndex)
    {
        if (frame.IsEmpty)
        {
            throw new ArgumentException("Energy gate: a frame must hold at least one sample.", nameof(frame));
        }

        return ProcessEnergy(EnergyDbfs(frame), firstSampleIndex, frame.Length);
    }

    /// <summary>Decides on a frame whose energy is already known.</summary>
    /// <param name="energyDbfs">The frame's energy, in dBFS.</param>
    /// <param name="firstSampleIndex">The absolute sample index of the frame's first sample.</param>
    /// <param name="frameSamples">The frame's length, in samples (positive).</param>
    /// <returns>Whether the gate is open for this frame.</returns>
    public bool ProcessEnergy(float energyDbfs, long firstSampleIndex, int frameSamples)
    {
        if (frameSamples <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(frameSamples), frameSamples, "Energy gate: a frame must hold at least one sample.");
        }

        double energy = float.IsFinite(energyDbfs) ? Math.Max(energyDbfs, SilenceDbfs) : SilenceDbfs;
        if (!_started)
        {
            _started = true;
            _floorDbfs = Math.Max(energy, _minFloorDbfs);
            _closedSince = firstSampleIndex;
        }

        long frameEnd = firstSampleIndex + frameSamples;
        if (energy > _floorDbfs + _marginDb)
        {
            _anyLoud = true;
            _lastLoudEnd = frameEnd;
        }

        bool open = !_enabled || (_anyLoud && firstSampleIndex < _lastLoudEnd + _hangSamples);
        UpdateFloor(energy, frameSamples);

        JustOpened = open && !IsOpen;
        if (JustOpened)
        {
            ClosedSpanSamples = firstSampleIndex - _closedSince;
        }
        else if (!open && IsOpen)
        {
            _closedSince = firstSampleIndex;
        }

        IsOpen = open;
        LastEnergyDbfs = (float)energy;
        _processedSamples += frameSamples;
        if (open)
        {
            _openSamples += frameSamples;
        }

        return open;
    }

    private void UpdateFloor(double energy, int frameSamples)
    {
        double floor = energy < _floorDbfs
            ? Math.Max(energy, _floorDbfs - (_fallDbPerSample * frameSamples))
            : Math.Min(energy, _floorDbfs + (_riseDbPerSample * frameSamples));
        _floorDbfs = Math.Max(floor, _minFloorDbfs);
    }
}
