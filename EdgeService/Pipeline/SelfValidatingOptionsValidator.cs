using Microsoft.Extensions.Options;

namespace EdgeService.Pipeline;

/// <summary>
/// Adapts <see cref="ISelfValidatingOptions.Validate"/> to the options pipeline, so that binding with
/// <c>ValidateOnStart</c> reports all messages at start-up, e.g.
/// <c>services.AddSingleton&lt;IValidateOptions&lt;EnergyGateOptions&gt;, SelfValidatingOptionsValidator&lt;EnergyGateOptions&gt;&gt;()</c>.
/// </summary>
/// <typeparam name="TOptions">The options class.</typeparam>
internal sealed class SelfValidatingOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class, ISelfValidatingOptions
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
