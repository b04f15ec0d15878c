using Microsoft.Extensions.Logging;

namespace EdgeService.Tests.Fakes;

/// <summary>A logger that keeps every formatted message with its level, event id and structured values.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, EventId Id, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values, Exception? Exception)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        Entries.Add((logLevel, eventId, formatter(state, exception), [.. values], exception));
    }
}
