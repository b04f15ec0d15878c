using System.Runtime.InteropServices;

namespace EdgeService.Audio.PortAudio;

/// <summary>Lists PortAudio's input devices (what <c>kws-edge devices</c> prints).</summary>
internal static unsafe class PortAudioDeviceCatalog
{
    /// <summary>Initialises PortAudio, lists the input devices, and terminates again.</summary>
    /// <exception cref="PortAudioLibraryMissingException">libportaudio2 is not installed.</exception>
    /// <exception cref="PortAudioException">PortAudio failed to initialise or enumerate.</exception>
    public static IReadOnlyList<AudioInputDevice> ListInputDevices()
    {
        using var session = PortAudioSession.Open();
        return ListInputDevices(session);
    }

    /// <summary>The input devices (max input channels &gt; 0) of an open session, in index order.</summary>
    public static IReadOnlyList<AudioInputDevice> ListInputDevices(PortAudioSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        ObjectDisposedException.ThrowIf(session.IsClosed, session);
        var count = PaNative.Pa_GetDeviceCount();
        PortAudioException.ThrowIfError(count, "Pa_GetDeviceCount");
        var defaultInput = PaNative.Pa_GetDefaultInputDevice();
        var devices = new List<AudioInputDevice>(count);
        for (var i = 0; i < count; i++)
        {
            var info = PaNative.Pa_GetDeviceInfo(i);
            if (info == null || info->MaxInputChannels <= 0)
            {
                continue;
            }

            var name = Marshal.PtrToStringUTF8((nint)info->Name) ?? $"device {i}";
            devices.Add(new AudioInputDevice(i, name, HostApiName(info->HostApi), info->MaxInputChannels, info->DefaultSampleRate, i == defaultInput));
        }

        return devices;
    }

    /// <summary>The name of host API <paramref name="hostApi"/>, e.g. "ALSA".</summary>
    public static string HostApiName(int hostApi)
    {
        var info = PaNative.Pa_GetHostApiInfo(hostApi);
        return info == null ? $"host API {hostApi}" : Marshal.PtrToStringUTF8((nint)info->Name) ?? $"host API {hostApi}";
    }
}
