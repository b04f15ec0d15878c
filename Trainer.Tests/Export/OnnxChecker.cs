using System.Diagnostics;

namespace Trainer.Tests.Export;

/// <summary>Debian's python3-onnx checker (full_check) run on a file, as an independent judge of what we write.</summary>
internal static class OnnxChecker
{
    public static (bool Ok, string Output) Check(string path)
    {
        const string Python = "/usr/bin/python3";
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("import onnx,sys; m=onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print('ok')");
        info.ArgumentList.Add(path);
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {Python}");
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (output.Contains("No module named 'onnx'", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Debian's python3-onnx is not installed (scripts/install-deps.sh installs it)");
        }

        return (p.ExitCode == 0, output);
    }
}
