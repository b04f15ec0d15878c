using Microsoft.Extensions.Logging;

namespace EdgeService.Tests.Gpio;

/// <summary>A logger factory whose loggers all write (category, level, message) into one list.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly Lock _lock = new();

    public List<(string Category, LogLevel Level, string Message)> Entries { get; } = [];

    public IEnumerable<string> Messages(LogLevel level)
    {
        lock (_lock)
        {
            return [.. Entries.Where(e => e.Level == level).Select(e => e.Message)];
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lock)
            {
                owner.Entries.Add((category, logLevel, formatter(state, exception)));
            }
        }
    }
}
