using Conformance.Harness.Checks;
using Conformance.Harness.Results;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>
/// Servers that behave differently from the reference, conformantly or not, each as a variant of the
/// reference server: the verdicts must be honest about what was seen. The contract: a conformant server
/// built differently gets a clean run from a profile alone.
/// </summary>
public sealed class ShapedDifferentlyTests
{
    private static CheckResult One(RunResults run, string id, string @case) => run.Results.Single(r => r.Id == id && r.Case == @case);

    private static IEnumerable<CheckResult> Of(RunResults run, string id) => run.Results.Where(r => r.Id == id);

    [Fact]
    public async Task A_conformant_server_built_differently_gets_a_clean_run_from_its_profile_alone()
    {
        var run = await CliRun.ExecuteAsync("--profile", Repo.File("fixtures/profiles/reference-different.yaml"), "--no-html");
        var results = run.Results.Results;
        var bad = results.Where(r => r.Verdict is Verdict.Error or Verdict.Warn || r.Verdict == Verdict.Fail).Select(r => $"{r.Id} {r.Case}: {r.Verdict.Name()} {r.Reason}").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
        Assert.True(run.ExitCode == 0, run.ToString());
        // What the profile made possible was done, not skipped.
        Assert.All(Of(run.Results, "LK-011"), r => Assert.Equal(Verdict.Pass, r.Verdict));
        Assert.Equal(Verdict.Pass, One(run.Results, "ADM-004", "deactivated-user").Verdict);
        if (BrowserAvailability.Present) Assert.Equal(Verdict.Pass, One(run.Results, "AM-011", "account_deactivate-completes").Verdict);
        Assert.Equal(Verdict.Skip, One(run.Results, "LK-009", "presence").Verdict);
        Assert.Empty(HollowPasses.In(run.Results));
    }

    [Fact]
    public async Task A_refused_client_registration_is_a_skip_that_shows_what_the_suite_sent()
    {
        var run = await CliRun.ExecuteAsync("--reference-defect", "client-registration-refused", "--only", "LK-011,LK-010", "--no-html");
        Assert.True(run.ExitCode == 0, run.ToString());
        var skipped = Of(run.Results, "LK-011").ToList();
        Assert.All(skipped, r => Assert.Equal(Verdict.Skip, r.Verdict));
        var first = skipped[0];
        Assert.Contains("\"application_type\":\"native\"", first.Detection);
        Assert.Contains("400 invalid_client_metadata", first.Detection);
        var registration = Assert.Single(first.Exchanges, e => e.Url.EndsWith("/oauth2/register", StringComparison.Ordinal));
        Assert.Contains("\"token_endpoint_auth_method\":\"none\"", registration.RequestBody);
        Assert.Equal(Verdict.Skip, One(run.Results, "LK-010", "oauth-refresh").Verdict);
    }

    [Fact]
    public async Task Metadata_behind_a_token_fails_the_token_check_and_is_still_judged()
    {
        var run = await CliRun.ExecuteAsync("--reference-defect", "metadata-needs-token", "--only", "oauth-metadata,AM-001,AM-007", "--no-html");
        Assert.Equal(Verdict.Fail, One(run.Results, "MD-001", "no-token").Verdict);
        Assert.Equal(Verdict.Pass, One(run.Results, "MD-002", "auth_metadata").Verdict);
        Assert.Equal(Verdict.Pass, One(run.Results, "MD-004", "required-members").Verdict);
        Assert.Equal(Verdict.Pass, One(run.Results, "AM-001", "uri").Verdict);
        Assert.All(Of(run.Results, "AM-007"), r => Assert.Equal(Verdict.Pass, r.Verdict));
    }

    [Fact]
    public async Task A_refresh_token_revoked_by_the_lock_is_not_a_new_token_finding()
    {
        var run = await CliRun.ExecuteAsync("--reference-defect", "lock-revokes-tokens", "--only", "LK-008,LK-010", "--no-html");
        Assert.Equal(Verdict.Pass, One(run.Results, "LK-010", "refresh").Verdict);
        Assert.Equal(Verdict.Warn, One(run.Results, "LK-008", "while-locked").Verdict);
    }

    [Fact]
    public async Task An_unlock_that_does_not_take_effect_fails_at_MUST_level_saying_what_was_seen()
    {
        var run = await CliRun.ExecuteAsync("--reference-defect", "unlock-ineffective", "--only", "ADM-003,LK-008", "--no-html");
        Assert.Equal(1, run.ExitCode);
        var unlock = One(run.Results, "ADM-003", "unlock");
        Assert.Equal(Verdict.Fail, unlock.Verdict);
        Assert.Contains("401 M_USER_LOCKED: the unlock did not take effect", unlock.Reason);
        var after = One(run.Results, "LK-008", "after-unlock");
        Assert.Equal(Verdict.Inconclusive, after.Verdict);
        Assert.DoesNotContain("log in again", after.Reason);
    }

    [Fact]
    public async Task Pages_are_tested_under_the_unstable_action_names_a_server_advertises()
    {
        var run = await CliRun.ExecuteAsync("--reference-defect", "unstable-action-names-only", "--only", "account-management", "--no-html");
        Assert.Equal(Verdict.Warn, One(run.Results, "AM-004", "classification").Verdict);
        var skipped = run.Results.Results.Where(r => r.Verdict == Verdict.Skip && !BrowserAvailability.ExcusedSkip(r)).Select(r => $"{r.Id} {r.Case}: {r.Reason}").ToList();
        Assert.True(skipped.Count == 0, string.Join("\n", skipped));
        Assert.Equal(Verdict.Pass, One(run.Results, "AM-007", "org.matrix.device_delete").Verdict);
        if (BrowserAvailability.Present) Assert.Equal(Verdict.Pass, One(run.Results, "AM-011", "device_delete-completes").Verdict);
    }

    [Fact]
    public async Task Deep_links_use_the_unstable_fields_when_a_server_has_only_those()
    {
        var run = await CliRun.ExecuteAsync("--reference-defect", "msc4191-unstable-fields-only", "--only", "AM-007,AM-014", "--no-html");
        Assert.Equal(Verdict.Warn, One(run.Results, "AM-014", "unstable-fields").Verdict);
        Assert.All(Of(run.Results, "AM-007"), r => Assert.Equal(Verdict.Pass, r.Verdict));
    }

    [Fact]
    public async Task A_read_back_the_server_cannot_do_is_a_skip_not_a_pass()
    {
        var run = await CliRun.ExecuteAsync("--reference-defect", "read-back-unrecognized", "--only", "LK-009", "--no-html");
        var presence = One(run.Results, "LK-009", "presence");
        Assert.Equal(Verdict.Skip, presence.Verdict);
        Assert.Contains("404 M_UNRECOGNIZED", presence.Detection);
        Assert.Equal(Verdict.Pass, One(run.Results, "LK-009", "profile").Verdict);
    }

    [Fact]
    public async Task A_deactivated_user_is_made_the_way_the_profile_says()
    {
        var without = await CliRun.ExecuteAsync("--reference-defect", "password-deactivate-unsupported", "--only", "ADM-004", "--no-html");
        var inconclusive = One(without.Results, "ADM-004", "deactivated-user");
        Assert.Equal(Verdict.Inconclusive, inconclusive.Verdict);
        Assert.Contains("users.deactivate", inconclusive.Reason);

        var profile = TempProfile.Write(File.ReadAllText(Repo.File("fixtures/profiles/reference.yaml")).Replace("  method: shared-secret\n", "  method: shared-secret\n  deactivate: synapse-admin\n", StringComparison.Ordinal));
        var with = await CliRun.ExecuteAsync("--profile", profile, "--reference-defect", "password-deactivate-unsupported", "--only", "ADM-004", "--no-html");
        Assert.Equal(Verdict.Pass, One(with.Results, "ADM-004", "deactivated-user").Verdict);
    }
}
