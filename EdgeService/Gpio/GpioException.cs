namespace EdgeService.Gpio;

/// <summary>
/// A GPIO chip or line that cannot be used as configured: a chip that does not exist or is not a GPIO device, a line
/// out of range or already in use, a permission problem. The message names the chip, the line and errno's meaning and
/// is meant for the user as is (catch it at start-up and exit non-zero without a stack trace).
/// </summary>
internal sealed class GpioException : Exception
{
    /// <summary>Makes the exception.</summary>
    /// <param name="message">What went wrong, naming the chip and line.</param>
    /// <param name="chip">The chip (path, name or label as configured).</param>
    /// <param name="line">The line offset, when one line is at fault.</param>
    /// <param name="errno">The errno of the failing call, when there was one.</param>
    public GpioException(string message, string chip, int? line = null, int? errno = null)
        : base(message)
    {
        Chip = chip;
        Line = line;
        Errno = errno;
    }

    /// <summary>Makes an exception without details (for serializers and tests).</summary>
    public GpioException()
        : this("GPIO error", string.Empty)
    {
    }

    /// <summary>Makes an exception with a message only.</summary>
    /// <param name="message">What went wrong.</param>
    public GpioException(string message)
        : this(message, string.Empty)
    {
    }

    /// <summary>Makes an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public GpioException(string message, Exception innerException)
        : base(message, innerException) => Chip = string.Empty;

    /// <summary>The chip (path, name or label as configured).</summary>
    public string Chip { get; }

    /// <summary>The line offset at fault, if any.</summary>
    public int? Line { get; }

    /// <summary>The errno of the failing call, if any.</summary>
    public int? Errno { get; }
}
