using System.Globalization;
using System.Text;

namespace Kws.Onnx.Runtime;

/// <summary>Builds a native OrtSessionOptions from <see cref="OnnxSessionOptions"/>.</summary>
internal static unsafe class OrtSessionOptionsFactory
{
    internal static OrtObjectHandle Create(OrtApi api, OnnxSessionOptions options)
    {
        IntPtr raw;
        OrtStatus.Check(api, api.CreateSessionOptions(&raw), "creating session options");
        var handle = new OrtObjectHandle(raw, api.ReleaseSessionOptions);
        try
        {
            OrtStatus.Check(api, api.SetIntraOpNumThreads(raw, options.IntraOpThreads), "setting the intra-op thread count");
            OrtStatus.Check(api, api.SetInterOpNumThreads(raw, options.InterOpThreads), "setting the inter-op thread count");
            OrtStatus.Check(api, api.SetSessionGraphOptimizationLevel(raw, (int)options.Optimization), "setting the graph optimization level");
            foreach (var (name, size) in options.FreeDimensions)
            {
                var bytes = Encoding.UTF8.GetBytes(name + "\0");
                fixed (byte* p = bytes)
                {
                    OrtStatus.Check(api, api.AddFreeDimensionOverrideByName(raw, p, size), $"fixing the dimension '{name}' to {size}");
                }
            }

            AddProvider(api, raw, options);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void AddProvider(OrtApi api, IntPtr options, OnnxSessionOptions settings)
    {
        var name = settings.ExecutionProvider?.Trim() ?? string.Empty;
        if (name.Length == 0 || name.Equals("cpu", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (name.Equals("cuda", StringComparison.OrdinalIgnoreCase))
        {
            AddCuda(api, options, settings.DeviceId);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* p = bytes)
        {
            OrtStatus.Check(api, api.SessionOptionsAppendExecutionProvider(options, p, null, null, 0),
                $"adding execution provider '{name}'");
        }
    }

    private static void AddCuda(OrtApi api, IntPtr options, int deviceId)
    {
        IntPtr raw;
        OrtStatus.Check(api, api.CreateCudaProviderOptions(&raw), "creating CUDA provider options");
        using var cuda = new OrtObjectHandle(raw, api.ReleaseCudaProviderOptions);
        using var keys = NativeBuffer.Utf8Array(["device_id"]);
        using var values = NativeBuffer.Utf8Array([deviceId.ToString(CultureInfo.InvariantCulture)]);
        OrtStatus.Check(api, api.UpdateCudaProviderOptions(raw, (byte**)keys.Pointer, (byte**)values.Pointer, 1),
            $"setting CUDA device_id {deviceId}");
        OrtStatus.Check(api, api.SessionOptionsAppendExecutionProviderCudaV2(options, raw),
            "adding the CUDA execution provider");
    }
}
