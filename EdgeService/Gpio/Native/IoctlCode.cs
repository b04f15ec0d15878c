namespace EdgeService.Gpio.Native;

/// <summary>
/// Builds ioctl request codes the way the kernel's asm-generic/ioctl.h macros do (x86, arm, arm64, riscv):
/// <c>dir &lt;&lt; 30 | size &lt;&lt; 16 | type &lt;&lt; 8 | nr</c>, with 2 direction bits and 14 size bits.
/// (PowerPC, MIPS, SPARC and Alpha use 3 direction bits and 13 size bits; no supported board runs those.)
/// </summary>
internal static class IoctlCode
{
    /// <summary>_IOC_WRITE: user space writes the argument.</summary>
    public const uint Write = 1;

    /// <summary>_IOC_READ: user space reads the argument.</summary>
    public const uint Read = 2;

    private const int NrShift = 0;
    private const int TypeShift = 8;
    private const int SizeShift = 16;
    private const int DirShift = 30;
    private const int SizeBits = 14;

    /// <summary>_IOR(type, nr, size).</summary>
    /// <param name="type">The driver's magic byte (0xB4 for GPIO).</param>
    /// <param name="nr">The request number.</param>
    /// <param name="size">sizeof the argument struct.</param>
    public static nuint Ior(byte type, byte nr, int size) => Make(Read, type, nr, size);

    /// <summary>_IOWR(type, nr, size).</summary>
    /// <param name="type">The driver's magic byte (0xB4 for GPIO).</param>
    /// <param name="nr">The request number.</param>
    /// <param name="size">sizeof the argument struct.</param>
    public static nuint Iowr(byte type, byte nr, int size) => Make(Read | Write, type, nr, size);

    /// <summary>_IOC(dir, type, nr, size).</summary>
    /// <param name="direction">A combination of <see cref="Read"/> and <see cref="Write"/>.</param>
    /// <param name="type">The driver's magic byte.</param>
    /// <param name="nr">The request number.</param>
    /// <param name="size">sizeof the argument struct (at most 16383).</param>
    public static nuint Make(uint direction, byte type, byte nr, int size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(direction, 3u);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(size, 1 << SizeBits);
        return (nuint)((direction << DirShift) | ((uint)size << SizeShift) | ((uint)type << TypeShift) | ((uint)nr << NrShift));
    }
}
