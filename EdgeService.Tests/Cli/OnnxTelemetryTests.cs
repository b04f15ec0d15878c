using TestSupport;

namespace EdgeService.Tests.Cli;

/// <summary>
/// ONNX Runtime 1.30's Linux builds start a usage uploader unless told not to (Kws.Onnx's OrtTelemetryOptOut):
/// it keeps a device id and an event store under ~/.cache/Microsoft/DeveloperTools/.onnxruntime and writes
/// /tmp/mat-debug-PID.log. The real kws-edge, run with a fresh home, none of ONNX Runtime's switches and none of the
/// CI variables that also silence it (CI sets one), must leave neither behind.
/// </summary>
public class OnnxTelemetryTests
{
    /// <summary>Variables that turn ONNX Runtime's telemetry off by themselves (its CI list, its test and opt-out switches).</summary>
    private static readonly string[] Silencers =
    [
        "CI", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "TRAVIS", "JENKINS_URL", "CODEBUILD_BUILD_ID", "BUILDKITE",
        "TEAMCITY_VERSION", "APPVEYOR", "BITBUCKET_BUILD_NUMBER", "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI", "ORT_RUNNING_UNIT_TESTS",
        "ORT_DISABLE_TELEMETRY", "ORT_TELEMETRY_DISABLED",
    ];

    [Fact]
    public void Running_a_model_leaves_no_telemetry_id_store_or_log()
    {
        var home = TestPaths.NewTempDir("kws-home");
        var clip = Directory.GetFiles(Path.Combine(TestPaths.Fixtures, "clips", "yes"), "*.wav")[0];
        var result = EdgeProcess.Run(["classify", clip], environment: new Dictionary<string, string> { ["HOME"] = home }, unset: Silencers);

        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Contains("yes", result.Out, StringComparison.Ordinal);
        var left = Directory.GetFileSystemEntries(home, "*", SearchOption.AllDirectories);
        Assert.True(left.Length == 0, $"kws-edge left in its home: {string.Join(", ", left)}");
        Assert.False(File.Exists($"/tmp/mat-debug-{result.ProcessId}.log"), $"ONNX Runtime wrote /tmp/mat-debug-{result.ProcessId}.log");
    }
}
