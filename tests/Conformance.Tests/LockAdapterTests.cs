using Conformance.Harness.Checks;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>The lock adapters other than MSC4323, chosen by the profile, against the reference server
/// (which also offers Synapse's admin user endpoint).</summary>
public sealed class LockAdapterTests
{
    [Fact]
    public async Task Synapse_admin_adapter_locks_as_well_as_msc4323()
    {
        var profile = TempProfile.Write(File.ReadAllText(Repo.File("fixtures/profiles/reference.yaml")).Replace("adapter: auto", "adapter: synapse-admin"));
        var run = await CliRun.ExecuteAsync("--profile", profile, "--only", "locking");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("synapse-admin", run.Results.Features["lock-adapter"]);
        Assert.DoesNotContain(run.Results.Results, r => r.Level == CheckLevels.Must && r.Verdict != Verdict.Pass);
    }

    [Fact]
    public async Task Without_a_lock_adapter_locking_checks_skip_with_the_reason()
    {
        var profile = TempProfile.Write(File.ReadAllText(Repo.File("fixtures/profiles/reference.yaml")).Replace("adapter: auto", "adapter: none"));
        var run = await CliRun.ExecuteAsync("--profile", profile, "--only", "LK-001,LK-009");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.All(run.Results.Results, r =>
        {
            Assert.Equal(Verdict.Skip, r.Verdict);
            Assert.Equal("named by the profile (lock.adapter: none)", r.Detection);
        });
        Assert.Equal(["LK-001", "LK-009"], run.Results.Results.Select(r => r.Id).Distinct());
    }
}
