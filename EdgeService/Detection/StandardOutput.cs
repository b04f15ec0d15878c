using System.Text;
using System.Runtime.InteropServices;

namespace EdgeService.Detection;

/// <summary>
/// Standard output as a writer of its own, not <see cref="Console.Out"/>. On Unix .NET writes every console stream
/// under one lock, so a write to standard error that blocks (a log reader that stopped reading) would hold up
/// <see cref="Console.Out"/> as well; the <c>--json</c> lines must not wait for the log. It writes at the descriptor's
/// shared offset (<see cref="DescriptorStream"/>), so it appends to a file that standard error writes to as well.
/// </summary>
internal static partial class StandardOutput
{
    /// <summary>A UTF-8 writer (no byte-order mark, "\n" line ends) straight on file descriptor 1, which it does not own.</summary>
    /// <returns>The writer; <see cref="Console.Out"/> where descriptor 1 cannot be used.</returns>
    public static TextWriter OpenUnshared()
    {
        if (OperatingSystem.IsWindows())
        {
            return Console.Out;
        }

        const int GetDescriptorFlags = 1; // F_GETFD
        if (Fcntl(1, GetDescriptorFlags) < 0)
        {
            return Console.Out; // descriptor 1 closed: Console.Out quietly writes nowhere
        }

        return new StreamWriter(new DescriptorStream(1), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
    }

    [LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int Fcntl(int descriptor, int command);
}
