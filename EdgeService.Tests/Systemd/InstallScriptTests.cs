using TestSupport;
using System.Security.Cryptography;
using System.Text.Json;

namespace EdgeService.Tests.Systemd;

/// <summary>
/// scripts/install.sh and uninstall.sh with --root: a temp folder stands in for /. Under --root the scripts skip
/// what would change the running system (useradd/groupadd, chgrp to kws-edge, udevadm, systemctl) and say so.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InstallScriptTests : IDisposable
{
    private readonly string _dir = TestSupport.TestPaths.NewTempDir("kws-install");

    private string Bundle => Path.Combine(_dir, "bundle");

    private string Root => Path.Combine(_dir, "root");

    private static string Script(string name) => Path.Combine(TestSupport.TestPaths.RepoRoot, "scripts", name);

    [Fact]
    public void InstallPutsEveryFileInPlace_SecondRunChangesNothing_UninstallRemovesIt()
    {
        MakeBundle();
        // A rule that only hands /sys/class/gpio to the group gives the character devices none: ours is still needed.
        Directory.CreateDirectory(Path.Combine(Root, "etc/udev/rules.d"));
        File.WriteAllText(Path.Combine(Root, "etc/udev/rules.d/99-sysfs-gpio.rules"), "SUBSYSTEM==\"gpio\", PROGRAM=\"/bin/sh -c 'chgrp -R gpio /sys/class/gpio'\"\n");
        var first = ScriptRunner.Run("bash", Script("install.sh"), "--from", Bundle, "--root", Root, "--no-start");
        Assert.True(first.ExitCode == 0, first.All);
        Assert.Contains("skipped under --root: system user kws-edge", first.Out);

        // The program: the bundle's files, byte for byte, the program executable.
        foreach (var rel in new[] { "kws-edge", "kws-edge.dll", "appsettings.json", "models/kws-yesno.onnx" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(Bundle, rel)), File.ReadAllBytes(Path.Combine(Root, "opt/kws-edge", rel)));
        }

        Assert.True(File.GetUnixFileMode(Path.Combine(Root, "opt/kws-edge/kws-edge")).HasFlag(UnixFileMode.UserExecute));

        // The unit as in the repository (default prefix), the udev rule, a valid default config readable only by root and the service.
        Assert.Equal(File.ReadAllText(Path.Combine(TestSupport.TestPaths.RepoRoot, "systemd/kws-edge.service")), File.ReadAllText(Path.Combine(Root, "etc/systemd/system/kws-edge.service")));
        Assert.Contains("SUBSYSTEM==\"gpio\", KERNEL==\"gpiochip*\", GROUP=\"gpio\", MODE=\"0660\"", File.ReadAllText(Path.Combine(Root, "etc/udev/rules.d/60-kws-edge-gpiochip.rules")));
        var config = Path.Combine(Root, "etc/kws-edge/appsettings.json");
        using (var json = JsonDocument.Parse(File.ReadAllText(config)))
        {
            Assert.Equal("portaudio", json.RootElement.GetProperty("Audio").GetProperty("Source").GetString());
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(config));

        // Idempotent: nothing written the second time (same contents and same modification times).
        var before = Snapshot(Root);
        var second = ScriptRunner.Run("bash", Script("install.sh"), "--from", Bundle, "--root", Root, "--no-start");
        Assert.True(second.ExitCode == 0, second.All);
        Assert.Contains("Nothing changed", second.Out);
        Assert.Equal(before, Snapshot(Root));

        // A user's settings survive a reinstall.
        File.WriteAllText(config, "{ \"Audio\": { \"Device\": \"USB\" } }");
        Assert.Equal(0, ScriptRunner.Run("bash", Script("install.sh"), "--from", Bundle, "--root", Root, "--no-start").ExitCode);
        Assert.Contains("USB", File.ReadAllText(config));

        var uninstall = ScriptRunner.Run("bash", Script("uninstall.sh"), "--root", Root);
        Assert.True(uninstall.ExitCode == 0, uninstall.All);
        Assert.False(Directory.Exists(Path.Combine(Root, "opt/kws-edge")));
        Assert.False(File.Exists(Path.Combine(Root, "etc/systemd/system/kws-edge.service")));
        Assert.False(File.Exists(Path.Combine(Root, "etc/udev/rules.d/60-kws-edge-gpiochip.rules")));
        Assert.True(File.Exists(config), "uninstall without --purge keeps the settings");

        Assert.Equal(0, ScriptRunner.Run("bash", Script("uninstall.sh"), "--root", Root, "--purge").ExitCode);
        Assert.False(Directory.Exists(Path.Combine(Root, "etc/kws-edge")));
    }

    [Fact]
    public void PrefixMovesTheUnitsPaths_ConfigOptionInstallsTheFile_ExistingUdevRuleIsRespected()
    {
        MakeBundle();
        Directory.CreateDirectory(Path.Combine(Root, "etc/udev/rules.d"));
        File.WriteAllText(Path.Combine(Root, "etc/udev/rules.d/99-com.rules"), "SUBSYSTEM==\"gpio\", GROUP=\"gpio\", MODE=\"0660\"\n");
        var mine = Path.Combine(_dir, "mine.json");
        File.WriteAllText(mine, "{ \"Leds\": { \"Enabled\": false } }\n");

        var result = ScriptRunner.Run("bash", Script("install.sh"), "--from", Bundle, "--root", Root, "--prefix", "/srv/kws", "--config", mine, "--no-start");
        Assert.True(result.ExitCode == 0, result.All);
        var unit = File.ReadAllText(Path.Combine(Root, "etc/systemd/system/kws-edge.service"));
        Assert.Contains("ExecStart=/srv/kws/kws-edge run", unit);
        Assert.Contains("WorkingDirectory=/srv/kws", unit);
        Assert.DoesNotContain("/opt/kws-edge", unit);
        Assert.True(File.Exists(Path.Combine(Root, "srv/kws/kws-edge")));
        Assert.Equal(File.ReadAllText(mine), File.ReadAllText(Path.Combine(Root, "etc/kws-edge/appsettings.json")));
        Assert.False(File.Exists(Path.Combine(Root, "etc/udev/rules.d/60-kws-edge-gpiochip.rules")), "the system already had a gpio rule");

        // uninstall leaves a rule it did not write alone.
        Assert.Equal(0, ScriptRunner.Run("bash", Script("uninstall.sh"), "--root", Root, "--prefix", "/srv/kws").ExitCode);
        Assert.True(File.Exists(Path.Combine(Root, "etc/udev/rules.d/99-com.rules")));
        Assert.False(Directory.Exists(Path.Combine(Root, "srv/kws")));
    }

    [Fact]
    public void BadArgumentsGetOneClearLine()
    {
        var noBundle = ScriptRunner.Run("bash", Script("install.sh"), "--from", Path.Combine(_dir, "missing"), "--root", Root);
        Assert.NotEqual(0, noBundle.ExitCode);
        Assert.Contains("does not exist; run scripts/publish.sh first", noBundle.Err);
        var unknown = ScriptRunner.Run("bash", Script("uninstall.sh"), "--frobnicate");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown argument '--frobnicate'", unknown.Err);
        var spaced = ScriptRunner.Run("bash", Script("install.sh"), "--from", Bundle, "--root", Root, "--prefix", "/opt/kws edge#1", "--no-start");
        Assert.Equal(2, spaced.ExitCode);
        Assert.Contains("--prefix may hold only letters, digits and / . _ -, got '/opt/kws edge#1'", spaced.Err);
        foreach (var script in new[] { "install.sh", "uninstall.sh", "publish.sh" })
        {
            var help = ScriptRunner.Run("bash", Script(script), "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.StartsWith("Usage:", help.Out.TrimStart());
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A publish folder's shape, with small stand-ins for the program and the model.</summary>
    private void MakeBundle()
    {
        Directory.CreateDirectory(Path.Combine(Bundle, "models"));
        File.WriteAllText(Path.Combine(Bundle, "kws-edge"), "#!/bin/sh\necho kws-edge \"$@\"\n");
        File.SetUnixFileMode(Path.Combine(Bundle, "kws-edge"), (UnixFileMode)0b111_101_101);
        File.WriteAllBytes(Path.Combine(Bundle, "kws-edge.dll"), RandomNumberGenerator.GetBytes(4096));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Path.Combine(Bundle, "appsettings.json"));
        File.WriteAllBytes(Path.Combine(Bundle, "models/kws-yesno.onnx"), RandomNumberGenerator.GetBytes(1024));
    }

    private static string Snapshot(string root) => string.Join('\n', Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(p => File.Exists(p)
            ? $"{Path.GetRelativePath(root, p)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p)))} {File.GetLastWriteTimeUtc(p).Ticks} {File.GetUnixFileMode(p)}"
            : $"{Path.GetRelativePath(root, p)}/"));
}
