using System.Diagnostics;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>
/// run.ps1 under PowerShell (the dotnet global tool; .ci/run installs it): after scripts/build.sh has
/// built the tree, as ./run.sh does, it neither rebuilds nor stumbles over the build stamp, prints the
/// help, and runs a short selection against the reference server.
/// </summary>
public sealed class RunPs1Tests
{
    private static string? Pwsh =>
        new[] { Environment.GetEnvironmentVariable("CONFORMANCE_PWSH") }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "pwsh")))
            .Append("/opt/conformance-tools/pwsh")
            .FirstOrDefault(p => p is { Length: > 0 } && File.Exists(p));

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Layout.Root };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (p.ExitCode, await output + await error);
    }

    [Fact]
    public async Task Run_ps1_prints_help_and_runs_a_selection_after_run_sh_built_the_tree()
    {
        if (Pwsh is not { } pwsh)
        {
            if (Environment.GetEnvironmentVariable("CONFORMANCE_REQUIRE_PWSH") == "1") Assert.Fail("PowerShell is required here (CONFORMANCE_REQUIRE_PWSH=1) but pwsh is not installed.");
            Assert.Skip("PowerShell (pwsh) is not installed: dotnet tool install --tool-path /opt/conformance-tools PowerShell --version 7.6.9");
            return;
        }
        var build = await RunAsync("bash", Repo.File("scripts/build.sh"), "Release");
        Assert.True(build.Code == 0, build.Output);

        var help = await RunAsync(pwsh, "-NoProfile", "-NonInteractive", "-File", Repo.File("run.ps1"), "--help");
        Assert.True(help.Code == 0, help.Output);
        Assert.DoesNotContain("Building", help.Output);
        Assert.Contains("--complement-image", help.Output);

        var outDir = Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N")[..10]);
        var run = await RunAsync(pwsh, "-NoProfile", "-NonInteractive", "-File", Repo.File("run.ps1"), "--only", "ADM-006", "--no-html", "--out", outDir);
        Assert.True(run.Code == 0, run.Output);
        Assert.Contains(Conformance.Harness.Results.RunResults.Load(Path.Combine(outDir, "results.json")).Results, r => r.Id == "ADM-006");
    }
}
