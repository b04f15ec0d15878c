namespace Kws.Detection.Options;

/// <summary>Throws one exception listing every problem of an options object handed straight to a constructor.</summary>
public static class OptionsGuard
{
    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="what"/> and each problem when <paramref name="options"/> is invalid.</summary>
    public static void ThrowIfInvalid(ISelfValidatingOptions options, string what)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid {what}: {string.Join(" ", problems)}", nameof(options));
        }
    }
}
