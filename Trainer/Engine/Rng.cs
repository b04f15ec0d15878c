namespace Trainer.Engine;

/// <summary>
/// A small seeded generator (xoshiro128** seeded by SplitMix64) whose sequence does not depend on the .NET version,
/// so that initialisation and dropout masks are reproducible everywhere.
/// </summary>
internal sealed class Rng
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    private uint _s0, _s1, _s2, _s3;
    private float? _spareGaussian;

    /// <summary>Seeds the generator.</summary>
    public Rng(ulong seed)
    {
        var a = SplitMix(seed);
        var b = SplitMix(seed + Golden);
        _s0 = (uint)a;
        _s1 = (uint)(a >> 32);
        _s2 = (uint)b;
        _s3 = (uint)(b >> 32) | 1u;
    }

    /// <summary>
    /// A seed derived from <paramref name="a"/>, <paramref name="b"/> and <paramref name="c"/> by SplitMix64: the same in every
    /// process and .NET version (unlike <see cref="HashCode.Combine{T1, T2}(T1, T2)"/>, which is randomised per process and
    /// made earlier training runs differ from one run to the next).
    /// </summary>
    public static int DeriveSeed(long a, long b, long c = 0)
    {
        var h = SplitMix(SplitMix(SplitMix((ulong)a) ^ (ulong)b) ^ (ulong)c);
        return (int)(h & 0x7FFFFFFF);
    }

    /// <summary>SplitMix64's output for the state <paramref name="state"/> (advanced by the golden gamma, then mixed).</summary>
    private static ulong SplitMix(ulong state)
    {
        var z = state + Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 32 random bits.</summary>
    public uint NextUInt()
    {
        var result = uint.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 9;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = uint.RotateLeft(_s3, 11);
        return result;
    }

    /// <summary>A uniform float in [0, 1).</summary>
    public float NextFloat() => (NextUInt() >> 8) * (1f / (1 << 24));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive) => (int)(((ulong)NextUInt() * (ulong)maxExclusive) >> 32);

    /// <summary>A standard normal sample (Box-Muller).</summary>
    public float NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }

        double u1 = 1.0 - NextFloat();
        double u2 = NextFloat();
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareGaussian = (float)(r * Math.Sin(2 * Math.PI * u2));
        return (float)(r * Math.Cos(2 * Math.PI * u2));
    }
}
