using System.Diagnostics;
using Conformance.Tests.Support;
using ReferenceHomeserver;
using Xunit;

namespace Conformance.Tests;

/// <summary>Killing the runner with SIGKILL mid-run leaves no suite process behind.</summary>
public sealed class ProcessCleanupTests
{
    [Fact]
    public async Task Suite_process_ends_when_the_runner_is_killed()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Reads /proc to find the suite process.");
        // A slow server makes the run last long enough to kill it in the middle.
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { SharedSecret = "cleanup-secret", ResponseDelay = TimeSpan.FromMilliseconds(40) }, TestContext.Current.CancellationToken);
        var outDir = Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N")[..10]);
        using var runner = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Repo.RunnerDll, "--profile", Repo.File("fixtures/profiles/reference-by-url.yaml"), "--target-url", server.BaseUrl, "--shared-secret", "cleanup-secret", "--out", outDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        int? suitePid = null;
        for (var i = 0; i < 100 && suitePid is null; i++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            suitePid = ChildrenOf(runner.Id).FirstOrDefault(pid => CommandLine(pid).Contains("Conformance.Suites.Locking.dll"));
        }
        Assert.True(suitePid is not null, "the suite process never started");

        runner.Kill(entireProcessTree: false);
        await runner.WaitForExitAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < 50 && Directory.Exists($"/proc/{suitePid}"); i++) await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(Directory.Exists($"/proc/{suitePid}") && !IsZombie(suitePid.Value), $"suite process {suitePid} is still running 5 s after the runner was killed");
    }

    private static IEnumerable<int> ChildrenOf(int parent) =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Select(n => int.TryParse(n, out var pid) ? pid : 0).Where(pid => pid > 0)
            .Where(pid => ParentOf(pid) == parent);

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return -1; }
        catch (UnauthorizedAccessException) { return -1; }
    }

    private static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return ""; }
    }

    private static bool IsZombie(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z'); }
        catch (IOException) { return true; }
    }
}
