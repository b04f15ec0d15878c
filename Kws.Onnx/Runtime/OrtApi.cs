namespace Kws.Onnx.Runtime;

/// <summary>
/// The OrtApi functions this binding uses, read out of the native function table at the positions in
/// <see cref="OrtApiIndex"/>, as unmanaged function pointers (blittable arguments only: no marshalling, no
/// allocation). IntPtr stands for every opaque Ort* object and for OrtStatus* results (null: success).
/// </summary>
internal sealed unsafe class OrtApi
{
    internal OrtApi(void** table)
    {
        CreateStatus = (delegate* unmanaged<int, byte*, IntPtr>)table[OrtApiIndex.CreateStatus];
        GetErrorCode = (delegate* unmanaged<IntPtr, int>)table[OrtApiIndex.GetErrorCode];
        GetErrorMessage = (delegate* unmanaged<IntPtr, byte*>)table[OrtApiIndex.GetErrorMessage];
        CreateEnv = (delegate* unmanaged<int, byte*, IntPtr*, IntPtr>)table[OrtApiIndex.CreateEnv];
        CreateSession = (delegate* unmanaged<IntPtr, byte*, IntPtr, IntPtr*, IntPtr>)table[OrtApiIndex.CreateSession];
        CreateSessionFromArray = (delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr>)table[OrtApiIndex.CreateSessionFromArray];
        Run = (delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)table[OrtApiIndex.Run];
        CreateSessionOptions = (delegate* unmanaged<IntPtr*, IntPtr>)table[OrtApiIndex.CreateSessionOptions];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<IntPtr, int, IntPtr>)table[OrtApiIndex.SetSessionGraphOptimizationLevel];
        SetIntraOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)table[OrtApiIndex.SetIntraOpNumThreads];
        SetInterOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)table[OrtApiIndex.SetInterOpNumThreads];
        SessionGetInputCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)table[OrtApiIndex.SessionGetInputCount];
        SessionGetOutputCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)table[OrtApiIndex.SessionGetOutputCount];
        SessionGetInputTypeInfo = (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)table[OrtApiIndex.SessionGetInputTypeInfo];
        SessionGetOutputTypeInfo = (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)table[OrtApiIndex.SessionGetOutputTypeInfo];
        SessionGetInputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)table[OrtApiIndex.SessionGetInputName];
        SessionGetOutputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)table[OrtApiIndex.SessionGetOutputName];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)table[OrtApiIndex.CreateTensorWithDataAsOrtValue];
        GetTensorMutableData = (delegate* unmanaged<IntPtr, void**, IntPtr>)table[OrtApiIndex.GetTensorMutableData];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)table[OrtApiIndex.CastTypeInfoToTensorInfo];
        GetTensorElementType = (delegate* unmanaged<IntPtr, int*, IntPtr>)table[OrtApiIndex.GetTensorElementType];
        GetDimensionsCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)table[OrtApiIndex.GetDimensionsCount];
        GetDimensions = (delegate* unmanaged<IntPtr, long*, nuint, IntPtr>)table[OrtApiIndex.GetDimensions];
        CreateCpuMemoryInfo = (delegate* unmanaged<int, int, IntPtr*, IntPtr>)table[OrtApiIndex.CreateCpuMemoryInfo];
        AllocatorFree = (delegate* unmanaged<IntPtr, void*, IntPtr>)table[OrtApiIndex.AllocatorFree];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<IntPtr*, IntPtr>)table[OrtApiIndex.GetAllocatorWithDefaultOptions];
        ReleaseEnv = (delegate* unmanaged<IntPtr, void>)table[OrtApiIndex.ReleaseEnv];
        ReleaseStatus = (delegate* unmanaged<IntPtr, void>)table[OrtApiIndex.ReleaseStatus];
        ReleaseMemoryInfo = (delegate* unmanaged<IntPtr, void>)table[OrtApiIndex.ReleaseMemoryInfo];
        ReleaseSession = (delegate* unmanaged<IntPtr, void>)table[OrtApiIndex.ReleaseSession];
        ReleaseValue = (delegate* unmanaged<IntPtr, void>)table[OrtApiIndex.ReleaseValue];
        ReleaseTypeInfo = (delegate* unmanaged<IntPtr, void>)table[OrtApiIndex.ReleaseTypeInfo];
        ReleaseSessionOptions = (delegate* unmanaged<IntPtr, void>)table[OrtApiIndex.ReleaseSessionOptions];
        SessionGetModelMetadata = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)table[OrtApiIndex.SessionGetModelMetadata];
        ModelMetadataGetProducerName = (delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr>)table[OrtApiIndex.ModelMetadataGetProducerName];
        ModelMetadataGetGraphName = (delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr>)table[OrtApiIndex.ModelMetadataGetGraphName];
        ModelMetadataGetDescription = (delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr>)table[OrtApiIndex.ModelMetadataGetDescription];
        ModelMetadataLookupCustomMetadataMap = (delegate* unmanaged<IntPtr, IntPtr, byte*, byte**, IntPtr>)table[OrtApiIndex.ModelMetadataLookupCustomMetadataMap];
        ModelMetadataGetVersion = (delegate* unmanaged<IntPtr, long*, IntPtr>)table[OrtApiIndex.ModelMetadataGetVersion];
        ReleaseModelMetadata = (delegate* unmanaged<IntPtr, void>)table[OrtApiIndex.ReleaseModelMetadata];
        ModelMetadataGetCustomMetadataMapKeys = (delegate* unmanaged<IntPtr, IntPtr, byte***, long*, IntPtr>)table[OrtApiIndex.ModelMetadataGetCustomMetadataMapKeys];
        AddFreeDimensionOverrideByName = (delegate* unmanaged<IntPtr, byte*, long, IntPtr>)table[OrtApiIndex.AddFreeDimensionOverrideByName];
        SessionOptionsAppendExecutionProviderCudaV2 = (delegate* unmanaged<IntPtr, IntPtr, IntPtr>)table[OrtApiIndex.SessionOptionsAppendExecutionProviderCudaV2];
        CreateCudaProviderOptions = (delegate* unmanaged<IntPtr*, IntPtr>)table[OrtApiIndex.CreateCudaProviderOptions];
        UpdateCudaProviderOptions = (delegate* unmanaged<IntPtr, byte**, byte**, nuint, IntPtr>)table[OrtApiIndex.UpdateCudaProviderOptions];
        ReleaseCudaProviderOptions = (delegate* unmanaged<IntPtr, void>)table[OrtApiIndex.ReleaseCudaProviderOptions];
        SessionOptionsAppendExecutionProvider = (delegate* unmanaged<IntPtr, byte*, byte**, byte**, nuint, IntPtr>)table[OrtApiIndex.SessionOptionsAppendExecutionProvider];
    }

    internal delegate* unmanaged<int, byte*, IntPtr> CreateStatus { get; }

    internal delegate* unmanaged<IntPtr, int> GetErrorCode { get; }

    internal delegate* unmanaged<IntPtr, byte*> GetErrorMessage { get; }

    internal delegate* unmanaged<int, byte*, IntPtr*, IntPtr> CreateEnv { get; }

    internal delegate* unmanaged<IntPtr, byte*, IntPtr, IntPtr*, IntPtr> CreateSession { get; }

    internal delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr> CreateSessionFromArray { get; }

    internal delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr> Run { get; }

    internal delegate* unmanaged<IntPtr*, IntPtr> CreateSessionOptions { get; }

    internal delegate* unmanaged<IntPtr, int, IntPtr> SetSessionGraphOptimizationLevel { get; }

    internal delegate* unmanaged<IntPtr, byte*, long, IntPtr> AddFreeDimensionOverrideByName { get; }

    internal delegate* unmanaged<IntPtr, int, IntPtr> SetIntraOpNumThreads { get; }

    internal delegate* unmanaged<IntPtr, int, IntPtr> SetInterOpNumThreads { get; }

    internal delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetInputCount { get; }

    internal delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetOutputCount { get; }

    internal delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> SessionGetInputTypeInfo { get; }

    internal delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> SessionGetOutputTypeInfo { get; }

    internal delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetInputName { get; }

    internal delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetOutputName { get; }

    internal delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr> CreateTensorWithDataAsOrtValue { get; }

    internal delegate* unmanaged<IntPtr, void**, IntPtr> GetTensorMutableData { get; }

    internal delegate* unmanaged<IntPtr, IntPtr*, IntPtr> CastTypeInfoToTensorInfo { get; }

    internal delegate* unmanaged<IntPtr, int*, IntPtr> GetTensorElementType { get; }

    internal delegate* unmanaged<IntPtr, nuint*, IntPtr> GetDimensionsCount { get; }

    internal delegate* unmanaged<IntPtr, long*, nuint, IntPtr> GetDimensions { get; }

    internal delegate* unmanaged<int, int, IntPtr*, IntPtr> CreateCpuMemoryInfo { get; }

    internal delegate* unmanaged<IntPtr, void*, IntPtr> AllocatorFree { get; }

    internal delegate* unmanaged<IntPtr*, IntPtr> GetAllocatorWithDefaultOptions { get; }

    internal delegate* unmanaged<IntPtr, void> ReleaseEnv { get; }

    internal delegate* unmanaged<IntPtr, void> ReleaseStatus { get; }

    internal delegate* unmanaged<IntPtr, void> ReleaseMemoryInfo { get; }

    internal delegate* unmanaged<IntPtr, void> ReleaseSession { get; }

    internal delegate* unmanaged<IntPtr, void> ReleaseValue { get; }

    internal delegate* unmanaged<IntPtr, void> ReleaseTypeInfo { get; }

    internal delegate* unmanaged<IntPtr, void> ReleaseSessionOptions { get; }

    internal delegate* unmanaged<IntPtr, IntPtr*, IntPtr> SessionGetModelMetadata { get; }

    internal delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr> ModelMetadataGetProducerName { get; }

    internal delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr> ModelMetadataGetGraphName { get; }

    internal delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr> ModelMetadataGetDescription { get; }

    internal delegate* unmanaged<IntPtr, IntPtr, byte*, byte**, IntPtr> ModelMetadataLookupCustomMetadataMap { get; }

    internal delegate* unmanaged<IntPtr, long*, IntPtr> ModelMetadataGetVersion { get; }

    internal delegate* unmanaged<IntPtr, void> ReleaseModelMetadata { get; }

    internal delegate* unmanaged<IntPtr, IntPtr, byte***, long*, IntPtr> ModelMetadataGetCustomMetadataMapKeys { get; }

    internal delegate* unmanaged<IntPtr, IntPtr, IntPtr> SessionOptionsAppendExecutionProviderCudaV2 { get; }

    internal delegate* unmanaged<IntPtr*, IntPtr> CreateCudaProviderOptions { get; }

    internal delegate* unmanaged<IntPtr, byte**, byte**, nuint, IntPtr> UpdateCudaProviderOptions { get; }

    internal delegate* unmanaged<IntPtr, void> ReleaseCudaProviderOptions { get; }

    internal delegate* unmanaged<IntPtr, byte*, byte**, byte**, nuint, IntPtr> SessionOptionsAppendExecutionProvider { get; }
}
