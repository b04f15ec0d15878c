/* ort-probe: runs an ONNX model in ONNX Runtime's C API on COUNT pseudo-random inputs (about normal, mean 0,
 * standard deviation 1, as the service's normalised log-mel features are) and prints every output value, so that one
 * model can be compared across builds of the library and instruction sets (scripts/arm64-check.sh).
 *   ort-probe LIBONNXRUNTIME MODEL COUNT SEED
 * Output: one line per run, the first output's values with %.9g; the inputs depend on COUNT and SEED only. Every
 * input of the model is filled (a streaming model's new frames and its states alike), in the model's input order.
 * Exit 1 with a message on any failure. A dynamic input dimension is taken as 1.
 * It calls the function table by index (API version 12), as Kws.Onnx/Runtime/OrtApiIndex.cs does. */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef void (*Fn)(void); /* the generic function pointer type: casts from it draw no warning */
typedef struct { const Fn* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); } ApiBase;
typedef void* Status;
static const Fn* api;

enum { GetErrorMessage = 2, CreateEnv = 3, CreateSession = 7, Run = 9, CreateSessionOptions = 10,
       SetIntraOpNumThreads = 24, SessionGetInputCount = 30, SessionGetInputTypeInfo = 33, SessionGetOutputTypeInfo = 34,
       SessionGetInputName = 36, SessionGetOutputName = 37, CreateTensorWithDataAsOrtValue = 49,
       GetTensorMutableData = 51, CastTypeInfoToTensorInfo = 55, GetDimensionsCount = 61, GetDimensions = 62,
       CreateCpuMemoryInfo = 69, GetAllocatorWithDefaultOptions = 78, ReleaseValue = 96 };
enum { LogWarning = 2, ArenaAllocator = 1, MemTypeDefault = 0, ElementFloat = 1, MaxRank = 8, MaxInputs = 64 };

static void check(Status status, const char* what) {
  if (!status) return;
  fprintf(stderr, "ort-probe: %s: %s\n", what, ((const char* (*)(Status))api[GetErrorMessage])(status));
  exit(1);
}

/* The shape of the session's input (output when is_output) at index, a dynamic dimension taken as 1; returns the rank. */
static size_t shape_of(void* session, int is_output, size_t index, int64_t* dims) {
  void *type = 0, *tensor = 0;
  size_t rank = 0;
  check(((Status (*)(void*, size_t, void**))api[is_output ? SessionGetOutputTypeInfo : SessionGetInputTypeInfo])(
            session, index, &type), "type info");
  check(((Status (*)(void*, void**))api[CastTypeInfoToTensorInfo])(type, &tensor), "tensor info");
  check(((Status (*)(void*, size_t*))api[GetDimensionsCount])(tensor, &rank), "rank");
  if (rank > MaxRank) { fprintf(stderr, "ort-probe: rank %zu is over %d\n", rank, MaxRank); exit(1); }
  check(((Status (*)(void*, int64_t*, size_t))api[GetDimensions])(tensor, dims, rank), "dimensions");
  for (size_t i = 0; i < rank; i++) if (dims[i] <= 0) dims[i] = 1;
  return rank;
}

static size_t count_of(const int64_t* dims, size_t rank) {
  size_t n = 1;
  for (size_t i = 0; i < rank; i++) n *= (size_t)dims[i];
  return n;
}

/* xorshift64*: the same numbers on every machine. */
static uint64_t state;
static float uniform(void) {
  state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
  return (float)((state * 2685821657736338717ULL) >> 40) / (float)(1 << 24);
}
static float about_normal(void) { return (uniform() + uniform() + uniform() + uniform() - 2.0f) * 1.7320508f; }

int main(int argc, char** argv) {
  if (argc != 5) { fprintf(stderr, "usage: ort-probe LIBONNXRUNTIME MODEL COUNT SEED\n"); return 2; }
  int count = atoi(argv[3]);
  state = strtoull(argv[4], 0, 10) * 0x9E3779B97F4A7C15ULL + 1;
  void* lib = dlopen(argv[1], RTLD_NOW);
  if (!lib) { fprintf(stderr, "ort-probe: %s\n", dlerror()); return 1; }
  const ApiBase* (*get_base)(void) = (const ApiBase* (*)(void))dlsym(lib, "OrtGetApiBase");
  if (!get_base) { fprintf(stderr, "ort-probe: %s exports no OrtGetApiBase\n", argv[1]); return 1; }
  api = get_base()->GetApi(12);
  if (!api) { fprintf(stderr, "ort-probe: %s does not offer API version 12\n", argv[1]); return 1; }
  fprintf(stderr, "ort-probe: ONNX Runtime %s\n", get_base()->GetVersionString());

  void *env = 0, *options = 0, *session = 0, *memory = 0, *allocator = 0;
  char *output_name = 0;
  check(((Status (*)(int, const char*, void**))api[CreateEnv])(LogWarning, "ort-probe", &env), "CreateEnv");
  check(((Status (*)(void**))api[CreateSessionOptions])(&options), "CreateSessionOptions");
  check(((Status (*)(void*, int))api[SetIntraOpNumThreads])(options, 1), "SetIntraOpNumThreads");
  check(((Status (*)(void*, const char*, void*, void**))api[CreateSession])(env, argv[2], options, &session),
        "CreateSession");
  check(((Status (*)(int, int, void**))api[CreateCpuMemoryInfo])(ArenaAllocator, MemTypeDefault, &memory),
        "CreateCpuMemoryInfo");
  check(((Status (*)(void**))api[GetAllocatorWithDefaultOptions])(&allocator), "GetAllocatorWithDefaultOptions");
  size_t inputs = 0;
  check(((Status (*)(void*, size_t*))api[SessionGetInputCount])(session, &inputs), "input count");
  if (inputs < 1 || inputs > MaxInputs) { fprintf(stderr, "ort-probe: %zu inputs (1 to %d taken)\n", inputs, MaxInputs); return 1; }
  check(((Status (*)(void*, size_t, void*, char**))api[SessionGetOutputName])(session, 0, allocator, &output_name),
        "output name");

  const char* in_names[MaxInputs];
  int64_t input_shape[MaxInputs][MaxRank], output_shape[MaxRank];
  size_t input_rank[MaxInputs], in_count[MaxInputs];
  float* data[MaxInputs];
  for (size_t k = 0; k < inputs; k++) {
    char* name = 0;
    check(((Status (*)(void*, size_t, void*, char**))api[SessionGetInputName])(session, k, allocator, &name), "input name");
    in_names[k] = name;
    input_rank[k] = shape_of(session, 0, k, input_shape[k]);
    in_count[k] = count_of(input_shape[k], input_rank[k]);
    data[k] = malloc(in_count[k] * sizeof(float));
    if (!data[k]) { fprintf(stderr, "ort-probe: out of memory\n"); return 1; }
  }
  size_t output_rank = shape_of(session, 1, 0, output_shape), out_count = count_of(output_shape, output_rank);
  const char* out_names[] = {output_name};
  for (int run = 0; run < count; run++) {
    void *input[MaxInputs], *output = 0;
    float* out = 0;
    for (size_t k = 0; k < inputs; k++) {
      for (size_t i = 0; i < in_count[k]; i++) data[k][i] = about_normal();
      check(((Status (*)(void*, void*, size_t, const int64_t*, size_t, int, void**))api[CreateTensorWithDataAsOrtValue])(
                memory, data[k], in_count[k] * sizeof(float), input_shape[k], input_rank[k], ElementFloat, &input[k]),
            "CreateTensorWithDataAsOrtValue");
    }
    check(((Status (*)(void*, void*, const char* const*, void* const*, size_t, const char* const*, size_t, void**))
               api[Run])(session, 0, in_names, (void* const*)input, inputs, out_names, 1, &output),
          "Run");
    check(((Status (*)(void*, void**))api[GetTensorMutableData])(output, (void**)&out), "GetTensorMutableData");
    for (size_t i = 0; i < out_count; i++) printf(i ? " %.9g" : "%.9g", out[i]);
    printf("\n");
    ((void (*)(void*))api[ReleaseValue])(output);
    for (size_t k = 0; k < inputs; k++) ((void (*)(void*))api[ReleaseValue])(input[k]);
  }
  return 0;
}
