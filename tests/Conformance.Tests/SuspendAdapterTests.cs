using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Secrets;
using Conformance.Harness.Suspension;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>How the suite finds a way to suspend: by probing (a faulty probe is an error, never a skip),
/// or as the profile says, with Synapse's admin API as well as MSC4323's.</summary>
public sealed class SuspendAdapterTests
{
    private static MatrixClient Client(string url) => new(url, new Redactor(new SecretRegistry()), TimeSpan.FromSeconds(1));

    [Fact]
    public async Task A_probe_that_gets_no_answer_is_a_fault_not_a_missing_feature()
    {
        await using var server = FakeServer.Hanging();
        using var client = Client(server.Url);
        var selection = await SuspendAdapterSelector.SelectAsync("auto", client, "token", "@admin:hs", [], TestContext.Current.CancellationToken);
        Assert.False(selection.Adapter.CanSuspend);
        Assert.NotNull(selection.Fault);
        Assert.Contains("GET /_matrix/client/v3/capabilities got no answer", selection.Fault);
    }

    [Fact]
    public async Task A_server_with_no_way_to_suspend_gets_no_adapter_and_the_probes_as_the_detection()
    {
        await using var server = FakeServer.Garbage();
        using var client = Client(server.Url);
        var selection = await SuspendAdapterSelector.SelectAsync("auto", client, "token", "@admin:hs", [], TestContext.Current.CancellationToken);
        Assert.Equal("none", selection.Adapter.Name);
        Assert.Null(selection.Fault);
        Assert.Equal("probed: capabilities, unstable flags, Synapse admin API", selection.Detection);
    }

    [Fact]
    public async Task The_unstable_flag_selects_the_unstable_endpoints()
    {
        await using var server = FakeServer.Garbage();
        using var client = Client(server.Url);
        var selection = await SuspendAdapterSelector.SelectAsync("auto", client, "token", "@admin:hs", ["uk.timedout.msc4323"], TestContext.Current.CancellationToken);
        Assert.Equal("msc4323-unstable", selection.Adapter.Name);
    }

    [Fact]
    public async Task Synapse_admin_adapter_suspends_as_well_as_msc4323()
    {
        var profile = TempProfile.Write(File.ReadAllText(Repo.File("fixtures/profiles/reference.yaml")) + "suspend:\n  adapter: synapse-admin\n");
        var run = await CliRun.ExecuteAsync("--profile", profile, "--only", "SUS-001,SUS-005,SUS-007,SUS-008", "--no-html");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("synapse-admin", run.Results.Features["suspend-adapter"]);
        Assert.DoesNotContain(run.Results.Results, r => r.Verdict is not (Verdict.Pass or Verdict.Info));
    }

    [Fact]
    public async Task Without_a_suspend_adapter_suspension_checks_skip_with_the_reason()
    {
        var profile = TempProfile.Write(File.ReadAllText(Repo.File("fixtures/profiles/reference.yaml")) + "suspend:\n  adapter: none\n");
        var run = await CliRun.ExecuteAsync("--profile", profile, "--only", "SUS-001,SUS-007", "--no-html");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.All(run.Results.Results, r =>
        {
            Assert.Equal(Verdict.Skip, r.Verdict);
            Assert.Equal("named by the profile (suspend.adapter: none)", r.Detection);
        });
        Assert.Equal(["SUS-001", "SUS-007"], run.Results.Results.Select(r => r.Id).Distinct());
    }
}
