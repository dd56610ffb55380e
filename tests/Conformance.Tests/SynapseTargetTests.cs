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

        Assert.Empty(await DockerAvailability.ContainersAsync($"{ResourceReaper.Run}={results.Run.Id}"));
    }

    /// <summary>A run killed with SIGKILL leaves its container (and a Complement run its network) behind;
    /// the next run removes them first.</summary>
    [Theory]
    [InlineData("synapse")]
    [InlineData("complement-synapse")]
    public async Task The_next_run_removes_the_container_of_a_killed_run(string target)
    {
        await DockerAvailability.RequireAsync();
        var ct = TestContext.Current.CancellationToken;
        var outDir = Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N")[..10]);
        using var runner = Process.Start(new ProcessStartInfo("dotnet", [Repo.RunnerDll, "--target", target, "--out", outDir])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var owner = $":{runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}:";
        Docker.DotNet.Models.ContainerListResponse? orphan = null;
        for (var i = 0; i < 600 && orphan is null && !runner.HasExited; i++)
        {
            await Task.Delay(500, ct);
            orphan = (await DockerAvailability.ContainersAsync($"{ResourceReaper.Managed}=true"))
                .FirstOrDefault(c => c.Labels.TryGetValue(ResourceReaper.Owner, out var o) && o.Contains(owner, StringComparison.Ordinal));
        }
        Assert.True(orphan is not null, "the killed run never started its container");
        runner.Kill(entireProcessTree: false);
        await runner.WaitForExitAsync(ct);
        Assert.Contains(await DockerAvailability.ContainersAsync($"{ResourceReaper.Managed}=true"), c => c.ID == orphan!.ID);

        var next = await CliRun.ExecuteAsync("--target", target, "--only", "ADM-006");
        Assert.Contains($"Removed {orphan!.Names[0].TrimStart('/')}, left over from a run that ended without cleaning up.", next.Output);
        Assert.DoesNotContain(await DockerAvailability.ContainersAsync($"{ResourceReaper.Managed}=true"), c => c.ID == orphan.ID);
        var run = orphan.Labels[ResourceReaper.Run];
        Assert.Empty(await DockerAvailability.NetworksAsync($"{ResourceReaper.Run}={run}"));
    }
}
