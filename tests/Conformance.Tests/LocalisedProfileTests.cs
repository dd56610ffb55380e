using Conformance.Harness.Checks;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>A site whose sign-in form the defaults cannot use (German, renamed fields, a decoy field
/// first) is tested by writing only a profile: with fixtures/profiles/reference-localised.yaml every
/// browser check passes; the same site with the default profile is the login-form-localised defect.</summary>
public sealed class LocalisedProfileTests
{
    [Fact]
    public async Task A_profile_alone_makes_a_differently_built_site_testable()
    {
        Assert.SkipUnless(BrowserAvailability.Present || BrowserAvailability.Required, "No Chromium: the browser checks would skip.");
        var run = await CliRun.ExecuteAsync("--profile", Repo.File("fixtures/profiles/reference-localised.yaml"), "--only", "AM-008,AM-011,AM-012");
        Assert.True(run.ExitCode == 0, run.ToString());
        var bad = run.Results.Results.Where(r => r.Verdict != Verdict.Pass).Select(r => $"{r.Id} {r.Case}: {r.Verdict.Name()} {r.Reason}").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
        Assert.Contains(run.Results.Results, r => r.Id == "AM-011" && r.Case == "device_delete-informs" && r.Reason.Contains("'entfernen'", StringComparison.Ordinal));
    }
}
