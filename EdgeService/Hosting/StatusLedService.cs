using Kws.Detection.Pipeline;
using EdgeService.Leds;
using Microsoft.Extensions.Hosting;

namespace EdgeService.Hosting;

/// <summary>Keeps the status LED in step with the audio source: heartbeat while it runs, steady while it is failing, off at stop.</summary>
internal sealed class StatusLedService(StatusLed status, IAudioSource source) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        source.StateChanged += OnStateChanged;
        status.SetSourceState(source.State);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        source.StateChanged -= OnStateChanged;
        status.TurnOff();
        return Task.CompletedTask;
    }

    private void OnStateChanged(object? sender, AudioSourceStateChangedEventArgs e) => status.SetSourceState(e.State);
}
