
using Kws.Detection.Pipeline;

namespace EdgeService.Tests.Pipeline;

public class EnergyGateTests
{
    private const int Rate = 16000;
    private const int Hop = 160; // 10 ms frames

    private static EnergyGateOptions Options(int hangMs = 500, double marginDb = 10, double riseDbPerS = 3, double fallDbPerS = 60, bool enabled = true) =>
        new() { HangMs = hangMs, MarginDb = marginDb, FloorRiseDbPerSecond = riseDbPerS, FloorFallDbPerSecond = fallDbPerS, Enabled = enabled };

    /// <summary>Feeds frames of the given energy for the given seconds; returns the open flag of each frame.</summary>
    private static List<bool> Feed(EnergyGate gate, ref long position, double seconds, Func<int, float> energyOfFrame, int hop = Hop)
    {
        int frames = (int)Math.Round(seconds * Rate / hop);
        var open = new List<bool>(frames);
        for (int i = 0; i < frames; i++)
        {
            open.Add(gate.ProcessEnergy(energyOfFrame(i), position, hop));
            position += hop;
        }

        return open;
    }

    private static Func<int, float> Noise(float levelDbfs, float jitterDb = 2f, int seed = 1)
    {
        var rng = new Random(seed);
        return _ => levelDbfs + (float)((rng.NextDouble() * 2 - 1) * jitterDb);
    }

    [Fact]
    public void SteadyNoise_KeepsTheGateClosed()
    {
        var gate = new EnergyGate(Options(), Rate);
        long pos = 0;
        var open = Feed(gate, ref pos, 20, Noise(-60));
        Assert.DoesNotContain(true, open);
        Assert.InRange(gate.NoiseFloorDbfs, -63f, -57f);
        Assert.Equal(0, gate.OpenShare);
    }

    [Fact]
    public void Burst_AboveFloorPlusMargin_Opens_ButOneBelowTheMarginDoesNot()
    {
        var gate = new EnergyGate(Options(marginDb: 10), Rate);
        long pos = 0;
        Feed(gate, ref pos, 2, _ => -60f);

        var below = Feed(gate, ref pos, 0.3, _ => -51f); // floor + 9 dB
        Assert.DoesNotContain(true, below);

        Feed(gate, ref pos, 2, _ => -60f);
        long burstStart = pos;
        bool first = gate.ProcessEnergy(-45f, burstStart, Hop); // floor + 15 dB
        Assert.True(first);
        Assert.True(gate.IsOpen);
        Assert.True(gate.JustOpened);
    }

    [Theory]
    [InlineData(500, 160)]
    [InlineData(250, 320)]
    [InlineData(0, 160)]
    [InlineData(1000, 480)]
    public void HangTime_IsMeasuredInSamplesFromTheEndOfTheLastLoudFrame(int hangMs, int hop)
    {
        var gate = new EnergyGate(Options(hangMs: hangMs), Rate);
        long pos = 0;
        Feed(gate, ref pos, 2, _ => -60f, hop);
        var burst = Feed(gate, ref pos, 0.3, _ => -20f, hop);
        Assert.All(burst, Assert.True);
        long lastLoudEnd = pos;

        long hangSamples = (long)hangMs * Rate / 1000;
        long? firstClosed = null;
        while (firstClosed is null)
        {
            if (!gate.ProcessEnergy(-60f, pos, hop))
            {
                firstClosed = pos;
            }

            pos += hop;
        }

        // The first quiet frame that starts at or after lastLoudEnd + hang is closed; every one before it was open.
        long expected = lastLoudEnd + ((hangSamples + hop - 1) / hop * hop);
        Assert.Equal(expected, firstClosed);
    }

    [Fact]
    public void RaisedNoiseLevel_FloorAdapts_AndTheGateClosesAgain()
    {
        const double rise = 3, margin = 10, hangMs = 500;
        var gate = new EnergyGate(Options(hangMs: (int)hangMs, marginDb: margin, riseDbPerS: rise), Rate);
        long pos = 0;
        Feed(gate, ref pos, 5, _ => -60f);
        var open = Feed(gate, ref pos, 15, _ => -40f); // 20 dB louder from now on

        Assert.True(open[0]);
        int firstClosedFrame = open.IndexOf(false);
        Assert.True(firstClosedFrame > 0, "the gate never closed on the raised noise level");
        Assert.DoesNotContain(true, open[firstClosedFrame..]);

        // The floor must climb (20 - margin) dB at the rise rate, then the hang runs out.
        double expectedS = ((20 - margin) / rise) + (hangMs / 1000);
        double closedAtS = (double)firstClosedFrame * Hop / Rate;
        Assert.InRange(closedAtS, expectedS - 0.03, expectedS + 0.03);
        Assert.InRange(gate.NoiseFloorDbfs, -40.01f, -39.99f);
    }

    [Fact]
    public void FloorFallsQuickly_SoABurstAfterALoudSpellIsStillHeard()
    {
        var gate = new EnergyGate(Options(fallDbPerS: 60), Rate);
        long pos = 0;
        Feed(gate, ref pos, 10, _ => -30f);   // a loud spell: the floor sits at -30
        Feed(gate, ref pos, 0.6, _ => -70f);  // 40 dB quieter: 40/60 s would not be enough...
        Assert.True(gate.NoiseFloorDbfs > -70f + 1, $"floor {gate.NoiseFloorDbfs} fell faster than 60 dB/s");
        Feed(gate, ref pos, 0.2, _ => -70f);  // ...but 0.8 s is
        Assert.Equal(-70f, gate.NoiseFloorDbfs, 3);
        Feed(gate, ref pos, 1, _ => -70f);
        Assert.False(gate.IsOpen);
        Assert.True(gate.ProcessEnergy(-55f, pos, Hop), "a burst 15 dB above the new floor did not open the gate");
    }

    [Fact]
    public void Disabled_IsAlwaysOpen()
    {
        var gate = new EnergyGate(Options(enabled: false), Rate);
        long pos = 0;
        var open = Feed(gate, ref pos, 3, Noise(-60));
        open.AddRange(Feed(gate, ref pos, 1, _ => EnergyGate.SilenceDbfs));
        Assert.All(open, Assert.True);
        Assert.Equal(1.0, gate.OpenShare);
    }

    [Fact]
    public void OpenShare_IsTheShareOfSamplesWhileOpen()
    {
        const int hangMs = 200;
        var gate = new EnergyGate(Options(hangMs: hangMs), Rate);
        long pos = 0;
        Feed(gate, ref pos, 2, _ => -60f);
        Feed(gate, ref pos, 1, _ => -20f);
        Feed(gate, ref pos, 3, _ => -60f);

        double expected = (1.0 + (hangMs / 1000.0)) / 6.0;
        Assert.Equal(expected, gate.OpenShare, 6);
    }

    [Fact]
    public void JustOpened_ReportsHowLongTheGateWasClosed()
    {
        var gate = new EnergyGate(Options(hangMs: 100), Rate);
        long pos = 1_000_000; // an arbitrary start on the sample clock
        long start = pos;
        Feed(gate, ref pos, 3, _ => -60f);
        Assert.True(gate.ProcessEnergy(-20f, pos, Hop));
        Assert.True(gate.JustOpened);
        Assert.Equal(pos - start, gate.ClosedSpanSamples);
        pos += Hop;

        Assert.True(gate.ProcessEnergy(-20f, pos, Hop));
        Assert.False(gate.JustOpened);
        pos += Hop;

        var tail = Feed(gate, ref pos, 1, _ => -60f);
        long closedAt = pos - ((long)tail.Count(o => !o) * Hop);
        Feed(gate, ref pos, 0.5, _ => -60f);
        Assert.True(gate.ProcessEnergy(-20f, pos, Hop));
        Assert.True(gate.JustOpened);
        Assert.Equal(pos - closedAt, gate.ClosedSpanSamples);
    }

    [Theory]
    [InlineData(1.0f)]
    [InlineData(0.1f)]
    [InlineData(0.001f)]
    public void Process_MeasuresSineEnergyInDbfs(float amplitude)
    {
        var frame = new float[Hop * 10];
        for (int i = 0; i < frame.Length; i++)
        {
            frame[i] = amplitude * MathF.Sin(2 * MathF.PI * 1000 * i / Rate); // whole periods
        }

        double expected = (20 * Math.Log10(amplitude)) - (10 * Math.Log10(2));
        Assert.Equal(expected, EnergyGate.EnergyDbfs(frame), 2);
        Assert.Equal(EnergyGate.SilenceDbfs, EnergyGate.EnergyDbfs(new float[Hop]));

        var gate = new EnergyGate(Options(), Rate);
        gate.Process(frame, 0);
        Assert.Equal(expected, gate.LastEnergyDbfs, 2);
    }

    [Fact]
    public void Process_DoesNotAllocate()
    {
        var gate = new EnergyGate(Options(), Rate);
        var quiet = Enumerable.Repeat(0.001f, Hop).ToArray();
        var loud = Enumerable.Repeat(0.5f, Hop).ToArray();
        gate.Process(quiet, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < 2000; i++)
        {
            gate.Process(i % 100 < 10 ? loud : quiet, (long)i * Hop);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Options_Validation_NamesEachBadSetting()
    {
        var bad = new EnergyGateOptions { MarginDb = -1, HangMs = -1, FloorRiseDbPerSecond = 0, FloorFallDbPerSecond = double.NaN, MinFloorDbfs = 5 };
        var problems = bad.Validate();
        Assert.Equal(5, problems.Count);
        foreach (var name in new[] { "MarginDb", "HangMs", "FloorRiseDbPerSecond", "FloorFallDbPerSecond", "MinFloorDbfs" })
        {
            Assert.Contains(problems, p => p.Contains(name, StringComparison.Ordinal));
        }

        Assert.Empty(new EnergyGateOptions().Validate());
        Assert.Throws<ArgumentException>(() => new EnergyGate(bad, Rate));
    }
}
