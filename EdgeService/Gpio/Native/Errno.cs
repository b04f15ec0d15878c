using System.Runtime.InteropServices;

namespace EdgeService.Gpio.Native;

/// <summary>The errno values the GPIO binding reports in its own words (same numbers on x86, arm and arm64 Linux).</summary>
internal static class Errno
{
    /// <summary>Operation not permitted.</summary>
    public const int EPERM = 1;

    /// <summary>No such file or directory.</summary>
    public const int ENOENT = 2;

    /// <summary>No such device or address.</summary>
    public const int ENXIO = 6;

    /// <summary>Permission denied.</summary>
    public const int EACCES = 13;

    /// <summary>Device or resource busy.</summary>
    public const int EBUSY = 16;

    /// <summary>No such device.</summary>
    public const int ENODEV = 19;

    /// <summary>Is a directory.</summary>
    public const int EISDIR = 21;

    /// <summary>Invalid argument.</summary>
    public const int EINVAL = 22;

    /// <summary>Inappropriate ioctl for device.</summary>
    public const int ENOTTY = 25;

    /// <summary>The symbolic name and the C library's text of <paramref name="errno"/>, e.g. "EBUSY: Device or resource busy".</summary>
    /// <param name="errno">The error number.</param>
    public static string Describe(int errno)
    {
        var name = errno switch
        {
            EPERM => "EPERM",
            ENOENT => "ENOENT",
            ENXIO => "ENXIO",
            EACCES => "EACCES",
            EBUSY => "EBUSY",
            ENODEV => "ENODEV",
            EISDIR => "EISDIR",
            EINVAL => "EINVAL",
            ENOTTY => "ENOTTY",
            _ => $"errno {errno}",
        };
        return $"{name}: {Marshal.GetPInvokeErrorMessage(errno)}";
    }
}
