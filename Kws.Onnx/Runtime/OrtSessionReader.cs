using System.Runtime.InteropServices;
using Kws.Onnx.Format;

namespace Kws.Onnx.Runtime;

/// <summary>Reads a session's inputs, outputs and metadata once, when it is created.</summary>
internal static unsafe class OrtSessionReader
{
    internal static OnnxTensorInfo[] ReadValues(OrtApi api, IntPtr session, bool inputs)
    {
        var kind = inputs ? "input" : "output";
        nuint count;
        OrtStatus.Check(api, inputs ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count),
            $"counting the model's {kind}s");
        var allocator = DefaultAllocator(api);
        var result = new OnnxTensorInfo[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            byte* rawName;
            OrtStatus.Check(api, inputs
                ? api.SessionGetInputName(session, i, allocator, &rawName)
                : api.SessionGetOutputName(session, i, allocator, &rawName), $"reading the name of {kind} {i}");
            var name = TakeString(api, allocator, rawName);

            IntPtr typeInfo;
            OrtStatus.Check(api, inputs
                ? api.SessionGetInputTypeInfo(session, i, &typeInfo)
                : api.SessionGetOutputTypeInfo(session, i, &typeInfo), $"reading the type of {kind} '{name}'");
            using var owned = new OrtObjectHandle(typeInfo, api.ReleaseTypeInfo);
            result[(int)i] = ReadTensorInfo(api, typeInfo, name);
        }

        return result;
    }

    internal static OnnxModelMetadata ReadMetadata(OrtApi api, IntPtr session)
    {
        IntPtr metadata;
        OrtStatus.Check(api, api.SessionGetModelMetadata(session, &metadata), "reading the model metadata");
        using var owned = new OrtObjectHandle(metadata, api.ReleaseModelMetadata);
        var allocator = DefaultAllocator(api);
        var producer = GetString(api, api.ModelMetadataGetProducerName, metadata, allocator, "the producer name");
        var graph = GetString(api, api.ModelMetadataGetGraphName, metadata, allocator, "the graph name");
        var description = GetString(api, api.ModelMetadataGetDescription, metadata, allocator, "the description");
        long version;
        OrtStatus.Check(api, api.ModelMetadataGetVersion(metadata, &version), "reading the model version");
        return new OnnxModelMetadata(producer, graph, description, version, ReadCustom(api, metadata, allocator));
    }

    private static Dictionary<string, string> ReadCustom(OrtApi api, IntPtr metadata, IntPtr allocator)
    {
        byte** keys = null;
        long count = 0;
        OrtStatus.Check(api, api.ModelMetadataGetCustomMetadataMapKeys(metadata, allocator, &keys, &count),
            "listing the custom metadata keys");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            for (long i = 0; i < count; i++)
            {
                byte* value;
                OrtStatus.Check(api, api.ModelMetadataLookupCustomMetadataMap(metadata, allocator, keys[i], &value),
                    "reading a custom metadata value");
                var key = Marshal.PtrToStringUTF8((IntPtr)keys[i]) ?? string.Empty;
                result[key] = value == null ? string.Empty : TakeString(api, allocator, value);
            }
        }
        finally
        {
            if (keys != null)
            {
                for (long i = 0; i < count; i++)
                {
                    OrtStatus.Discard(api, api.AllocatorFree(allocator, keys[i]));
                }

                OrtStatus.Discard(api, api.AllocatorFree(allocator, keys));
            }
        }

        return result;
    }

    private static OnnxTensorInfo ReadTensorInfo(OrtApi api, IntPtr typeInfo, string name)
    {
        IntPtr tensorInfo;
        OrtStatus.Check(api, api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo), $"reading the tensor type of '{name}'");
        if (tensorInfo == IntPtr.Zero)
        {
            return new OnnxTensorInfo(name, OnnxElementType.Undefined, []);
        }

        int elementType;
        nuint rank;
        OrtStatus.Check(api, api.GetTensorElementType(tensorInfo, &elementType), $"reading the element type of '{name}'");
        OrtStatus.Check(api, api.GetDimensionsCount(tensorInfo, &rank), $"reading the rank of '{name}'");
        var shape = new long[(int)rank];
        fixed (long* p = shape)
        {
            OrtStatus.Check(api, api.GetDimensions(tensorInfo, p, rank), $"reading the shape of '{name}'");
        }

        return new OnnxTensorInfo(name, (OnnxElementType)elementType, shape);
    }

    private static string GetString(OrtApi api, delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr> getter,
        IntPtr metadata, IntPtr allocator, string what)
    {
        byte* value;
        OrtStatus.Check(api, getter(metadata, allocator, &value), $"reading {what}");
        return TakeString(api, allocator, value);
    }

    private static IntPtr DefaultAllocator(OrtApi api)
    {
        IntPtr allocator;
        OrtStatus.Check(api, api.GetAllocatorWithDefaultOptions(&allocator), "getting the default allocator");
        return allocator;
    }

    /// <summary>Copies a string ORT allocated with the allocator, then frees it.</summary>
    private static string TakeString(OrtApi api, IntPtr allocator, byte* value)
    {
        if (value == null)
        {
            return string.Empty;
        }

        try
        {
            return Marshal.PtrToStringUTF8((IntPtr)value) ?? string.Empty;
        }
        finally
        {
            OrtStatus.Discard(api, api.AllocatorFree(allocator, value));
        }
    }
}
