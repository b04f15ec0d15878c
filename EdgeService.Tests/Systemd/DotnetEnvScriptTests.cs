using TestSupport;

namespace EdgeService.Tests.Systemd;

/// <summary>
/// scripts/lib/dotnet-env.sh, which run.sh, test.sh and publish.sh use after install-deps.sh: on a fresh machine the
/// SDK has only just been installed into ~/.dotnet, and an older SDK on PATH (a distribution's 8.0) must not be taken
/// for the .NET 10 that global.json asks for. Fake dotnet programs answer <c>--list-sdks</c>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DotnetEnvScriptTests
{
    private static string Script => Path.Combine(TestSupport.TestPaths.RepoRoot, "scripts", "lib", "dotnet-env.sh");

    private static void FakeDotnet(string dir, string sdkLine)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "dotnet");
        File.WriteAllText(path, $"#!/bin/sh\nif [ \"$1\" = --list-sdks ]; then echo '{sdkLine}'; fi\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static ScriptRunner.Result UseDotnet(string home, string fakeBin) => ScriptRunner.Run(
        "env", "-i", $"HOME={home}", $"PATH={fakeBin}:/usr/bin:/bin", "bash", "-c",
        $"source '{Script}' && kws_use_dotnet && echo \"root=$DOTNET_ROOT\" && echo \"first=$(command -v dotnet)\"");

    [Theory]
    [InlineData("8.0.404 [/usr/lib/dotnet/sdk]", "home")] // a fresh machine: the SDK just installed wins over an old one
    [InlineData("10.0.401 [/opt/sdk]", "path")] // a .NET 10 SDK on PATH is taken first
    public void The_first_dotnet_10_SDK_is_used_and_an_older_one_on_PATH_is_passed_over(string sdkOnPath, string expected)
    {
        TestSupport.TestPaths.InTempDir("kws-dotnet-env", dir =>
        {
            var home = Path.Combine(dir, "home");
            var bin = Path.Combine(dir, "bin");
            FakeDotnet(bin, sdkOnPath);
            FakeDotnet(Path.Combine(home, ".dotnet"), "10.0.100 [/home/pi/.dotnet/sdk]");

            var result = UseDotnet(home, bin);

            Assert.True(result.ExitCode == 0, result.All);
            var root = expected == "home" ? Path.Combine(home, ".dotnet") : bin;
            Assert.Contains($"root={root}\n", result.Out, StringComparison.Ordinal);
            Assert.Contains($"first={root}/dotnet", result.Out, StringComparison.Ordinal);
        });
    }
}
