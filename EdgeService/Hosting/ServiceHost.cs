using Kws.Audio;
using EdgeService.Health;
using Kws.Detection.Composition;
using Kws.Detection.Model;
using Kws.Detection.Options;
using Kws.Detection.Pipeline;
using EdgeService.Audio;
using EdgeService.Detection;
using EdgeService.Gpio;
using EdgeService.Leds;
using EdgeService.Systemd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace EdgeService.Hosting;

/// <summary>
/// Builds the always-on host from the settings loaded once (<see cref="ServiceSettings.Load"/>): the model loaded and checked once, the audio source, ring buffer, pipeline, sinks, the
/// service loop and the stats line. Logs go to the journal's format (priority prefixes) under systemd, to the console
/// otherwise, and to standard error when --json puts detections on standard output.
/// </summary>
internal static class ServiceHost
{
    /// <summary>The host for <paramref name="settings"/>; <paramref name="config"/> gives the logging section.</summary>
    public static IHost Build(ServiceSettings settings, IConfiguration config, bool json)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(config);
        ConfigureLogging(builder.Logging, config, json);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(Options.Create(settings.Stats));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PipelineStats>();
        services.AddSingleton<ServiceHealth>();
        services.AddSingleton<ServiceFailure>();
        services.AddSingleton(sp => ModelLoader.Open(settings.Model));
        services.AddSingleton<IAudioRingBuffer>(sp => new AudioRingBuffer(PipelineAudio.SampleRateHz, settings.Audio.RingBufferMs));
        services.AddSingleton(sp => AudioSourceFactory.Create(
            settings.Audio,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IGpioChipEnumerator>(new DevGpioChipEnumerator());
        services.AddSingleton<LedDriverFactory>();
        services.AddSingleton(sp => sp.GetRequiredService<LedDriverFactory>().Create(settings.Leds));
        services.AddSingleton(sp => new LedDetectionSink(
            sp.GetRequiredService<ILedDriver>(),
            sp.GetRequiredService<TimeProvider>(),
            settings.Leds.ToSinkOptions(),
            sp.GetRequiredService<ILogger<LedDetectionSink>>()));
        services.AddSingleton(sp => settings.Leds);
        services.AddSingleton<StatusLed>();
        services.AddHostedService<StatusLedService>();
        services.AddSingleton<IDetectionSink, LogDetectionSink>();
        services.AddSingleton<IDetectionSink>(sp => sp.GetRequiredService<LedDetectionSink>());
        if (json)
        {
            services.AddSingleton<IDetectionSink>(_ => new JsonDetectionSink(StandardOutput.OpenUnshared())); // disposed with the host: the queued lines are written
        }

        services.AddSystemdNotifications();

        services.AddSingleton(sp => PipelineComposer.Compose(
            sp.GetRequiredService<OnnxKeywordModel>(),
            settings.Detection,
            sp.GetServices<IDetectionSink>(),
            sp.GetRequiredService<PipelineStats>()));
        services.AddSingleton(sp => new ModelReloader(
            sp.GetRequiredService<OnnxKeywordModel>().ModelPath,
            () => ModelSwap.LoadStage(settings.Detection),
            sp.GetRequiredService<TimeProvider>(),
            settings.Model.ReloadCheckS,
            sp.GetRequiredService<ILogger<ModelReloader>>(),
            IgnoredSignals.IsIgnored(IgnoredSignals.Hangup)));
        services.AddSingleton<IModelUpdates>(sp => sp.GetRequiredService<ModelReloader>());
        services.AddHostedService(sp => sp.GetRequiredService<ModelReloader>());
        services.AddHostedService<SpotterService>();
        services.AddHostedService<StatsReporter>();
        return builder.Build();
    }

    /// <summary>Console logs: journald priority prefixes under systemd (JOURNAL_STREAM set), plain otherwise.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging, IConfiguration config, bool toStandardError)
    {
        logging.AddConfiguration(config.GetSection("Logging"));
        logging.SetMinimumLevel(LogLevel.Information);
        if (Environment.GetEnvironmentVariable("JOURNAL_STREAM") is { Length: > 0 })
        {
            logging.AddSystemdConsole(o => o.TimestampFormat = null);
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }

        logging.Services.Configure<ConsoleLoggerOptions>(o =>
        {
            o.LogToStandardErrorThreshold = toStandardError ? LogLevel.Trace : LogLevel.Error;

            // A log reader that stops reading (a hung journald, a paused pipe) must not stop detection: once the queue
            // (Logging:Console:MaxQueueLength, 2500 lines) is full, lines are dropped and counted, and the logger
            // writes how many when it can write again, instead of blocking the service loop on its next log line.
            o.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite;
        });
    }
}
