using Conformance.Harness.Checks;
using Conformance.Harness.Results;
using Conformance.Targets.Containers;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>
/// Synapse in an image built to Complement's contract (built offline here the first time), run through the
/// Complement path: with its profile against its baseline, and with nothing but the image's name.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class ComplementSynapseTests
{
    private const string Image = "conformance/complement-synapse:1.160-sid";

    [Fact]
    public async Task Complement_synapse_matches_its_baseline_and_leaves_nothing()
    {
        await DockerAvailability.RequireAsync();
        var run = await CliRun.ExecuteAsync("--target", "complement-synapse");
        var results = run.Results;
        Assert.True(run.ExitCode == 0, run.ToString() + string.Join("\n", results.Results.Where(r => r.Baseline?.Status is not (BaselineStatus.Expected or BaselineStatus.AsBefore)).Select(r => $"{r.Id} {r.Case}: {r.Verdict.Name()} ({r.Baseline?.Status}) {r.Reason}")));

        Assert.Equal("complement", results.Target.Kind);
        Assert.StartsWith("Synapse/", results.Target.ServerHeader);
        Assert.Equal(0, results.Baseline!.Deviations);
        Assert.True(results.Results.Count(r => r.Id == "LK-001" && r.Verdict == Verdict.Pass) >= 120, "fewer than 120 LK-001 cases pass");
        // The appservice registration the contract installs is what LK-014 acts through.
        Assert.Contains(results.Results, r => r.Id == "LK-014" && r.Verdict is Verdict.Info or Verdict.Pass);
        var hollow = HollowPasses.In(results);
        Assert.True(hollow.Count == 0, string.Join("\n", hollow));

        Assert.Empty(await DockerAvailability.ContainersAsync($"{ResourceReaper.Run}={results.Run.Id}"));
        Assert.Empty(await DockerAvailability.NetworksAsync($"{ResourceReaper.Run}={results.Run.Id}"));
    }

    /// <summary>No profile: the image's name is all a homeserver project has to give.</summary>
    [Fact]
    public async Task An_image_name_alone_is_enough()
    {
        await DockerAvailability.RequireAsync();
        // The profile run above (or an earlier run) built the image; build it through its profile if not.
        using (var docker = await DockerEngine.ClientAsync(TestContext.Current.CancellationToken))
            if (await ImageProvider.InspectAsync(docker, Image, TestContext.Current.CancellationToken) is null)
                await CliRun.ExecuteAsync("--target", "complement-synapse", "--only", "ADM-006");

        var run = await CliRun.ExecuteAsync("--complement-image", Image, "--only", "LK-001,LK-007,LK-014");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("complement", run.Results.Target.Kind);
        Assert.Equal("complement", run.Results.Target.Name);
        Assert.StartsWith(Image + " (present", run.Results.Target.Image);
        Assert.True(run.Results.Results.Count(r => r.Id == "LK-001" && r.Verdict == Verdict.Pass) >= 120, run.ToString());
        Assert.Empty(await DockerAvailability.ContainersAsync($"{ResourceReaper.Run}={run.Results.Run.Id}"));
    }
}
