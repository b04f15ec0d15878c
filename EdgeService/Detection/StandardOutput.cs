using System.Text;
using Microsoft.Win32.SafeHandles;

namespace EdgeService.Detection;

/// <summary>
/// Standard output as a writer of its own, not <see cref="Console.Out"/>. On Unix .NET writes every console stream
/// under one lock, so a write to standard error that blocks (a log reader that stopped reading) would hold up
/// <see cref="Console.Out"/> as well; the <c>--json</c> lines must not wait for the log.
/// </summary>
internal static class StandardOutput
{
    /// <summary>A UTF-8 writer (no byte-order mark, "\n" line ends) straight on file descriptor 1, which it does not own.</summary>
    /// <returns>The writer; <see cref="Console.Out"/> where descriptor 1 cannot be used.</returns>
    public static TextWriter OpenUnshared()
    {
        if (OperatingSystem.IsWindows())
        {
            return Console.Out;
        }

        try
        {
            var stream = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return Console.Out; // descriptor 1 closed or unusable: Console.Out quietly writes nowhere
        }
    }
}
