using System.Diagnostics;
using Conformance.Harness.Checks;
using Conformance.Targets.Containers;
using Conformance.Harness.Results;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>
/// The whole suite against Synapse, started in a container built offline from Debian (built here the
/// first time, in about two minutes). The run must match the reviewed baseline, every LK check must
/// show what Synapse answered, and no container of the suite may be left afterwards.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class SynapseTargetTests
{
    [Fact]
    public async Task Synapse_run_matches_its_baseline_and_leaves_no_container()
    {
        await DockerAvailability.RequireAsync();
        var run = await CliRun.ExecuteAsync("--target", "synapse");
        var results = run.Results;
        Assert.True(run.ExitCode == 0, run.ToString() + string.Join("\n", results.Results.Where(r => r.Baseline?.Status is not (BaselineStatus.Expected or BaselineStatus.AsBefore)).Select(r => $"{r.Id} {r.Case}: {r.Verdict.Name()} ({r.Baseline?.Status}) {r.Reason}")));

        Assert.Equal("container", results.Target.Kind);
        Assert.StartsWith("Synapse/", results.Target.ServerHeader);
        Assert.NotNull(results.Baseline);
        Assert.Equal(0, results.Baseline!.Deviations);
        // Every LK case shows what Synapse answered, and every non-pass is explained by the baseline.
        Assert.All(results.Results.Where(r => r.Id is "LK-001" or "LK-002" or "LK-003" or "LK-004"), r => Assert.NotNull(r.Observed?.Status));
        // Suspension runs through Synapse's own admin API (Synapse has no MSC4323), and the sweep is judged.
        Assert.StartsWith("synapse-admin ", results.Features["suspend-adapter"]);
        var judged = results.Results.Count(r => r.Id == "SUS-001" && r.Verdict is Verdict.Pass or Verdict.Fail);
        Assert.True(judged >= 100, $"only {judged} suspension sweep cases were judged");
        Assert.All(results.Results.Where(r => Baseline.NeedsEntry(r.Verdict)), r =>
        {
            Assert.Equal(BaselineStatus.Expected, r.Baseline!.Status);
            Assert.DoesNotContain("TODO", r.Baseline.Reason);
        });

        var hollow = HollowPasses.In(results);
        Assert.True(hollow.Count == 0, string.Join("\n", hollow));

        using var docker = DockerClient.FromEnvironment();
        var left = await docker.ListContainersAsync($"{ResourceReaper.Run}={results.Run.Id}", TestContext.Current.CancellationToken);
        Assert.Empty(left);
    }

    /// <summary>A run killed with SIGKILL leaves its container behind; the next run removes it first.</summary>
    [Fact]
    public async Task The_next_run_removes_the_container_of_a_killed_run()
    {
        await DockerAvailability.RequireAsync();
        var ct = TestContext.Current.CancellationToken;
        using var docker = DockerClient.FromEnvironment();
        var outDir = Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N")[..10]);
        using var runner = Process.Start(new ProcessStartInfo("dotnet", [Repo.RunnerDll, "--target", "synapse", "--out", outDir])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        DockerClient.ContainerSummary? orphan = null;
        for (var i = 0; i < 600 && orphan is null && !runner.HasExited; i++)
        {
            await Task.Delay(500, ct);
            orphan = (await docker.ListContainersAsync($"{ResourceReaper.Managed}=true", ct))
                .FirstOrDefault(c => c.Labels.GetValueOrDefault(ResourceReaper.Owner, "").Split(':') is [_, var pid, _] && pid == runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.True(orphan is not null, "the killed run never started its container");
        runner.Kill(entireProcessTree: false);
        await runner.WaitForExitAsync(ct);
        Assert.Contains(await docker.ListContainersAsync($"{ResourceReaper.Managed}=true", ct), c => c.Id == orphan!.Id);

        var next = await CliRun.ExecuteAsync("--target", "synapse", "--only", "ADM-006");
        Assert.Contains($"Removed {orphan!.Names[0]}, left over from a run that ended without cleaning up.", next.Output);
        Assert.DoesNotContain(await docker.ListContainersAsync($"{ResourceReaper.Managed}=true", ct), c => c.Id == orphan.Id);
    }
}
