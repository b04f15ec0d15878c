using Kws.Detection.Pipeline;
using EdgeService.Detection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EdgeService.Systemd;

/// <summary>Registers the systemd notifications with the service's host.</summary>
internal static class SystemdServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SystemdNotifyService"/>, the detection tally it reports, and the process's
    /// <see cref="SystemdEnvironment"/> (unless one is registered already). Harmless outside systemd.
    /// </summary>
    /// <param name="services">The host's services.</param>
    public static IServiceCollection AddSystemdNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => SystemdEnvironment.FromProcess());
        services.AddSingleton<DetectionTally>();
        services.AddSingleton<IDetectionSink>(sp => sp.GetRequiredService<DetectionTally>());
        services.AddHostedService<SystemdNotifyService>();
        return services;
    }
}
