using System.Text.Json.Nodes;
using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>The default run (./run.sh with no arguments) against the conforming reference server, once.</summary>
public sealed class CleanReferenceRun : IAsyncLifetime
{
    public CliRun Run { get; private set; } = null!;
    public async ValueTask InitializeAsync() => Run = await CliRun.ExecuteAsync();
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed class CleanReferenceTests(CleanReferenceRun fixture) : IClassFixture<CleanReferenceRun>
{
    private readonly RepositoryLayout _layout = RepositoryLayout.Locate();

    [Fact]
    public void Exits_zero_with_no_MUST_or_SHOULD_failure()
    {
        Assert.True(fixture.Run.ExitCode == 0, fixture.Run.ToString());
        var bad = fixture.Run.Results.Results
            .Where(r => r.Level is CheckLevels.Must or CheckLevels.Should or CheckLevels.MscOnly && r.Verdict != Verdict.Pass && !BrowserAvailability.ExcusedSkip(r))
            .Select(r => $"{r.Id} {r.Case}: {r.Verdict.Name()} {r.Reason}").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    [Fact]
    public void Nothing_errors_is_skipped_or_inconclusive()
    {
        Assert.False(BrowserAvailability.Required && !BrowserAvailability.Present, "Chromium is required here (CONFORMANCE_REQUIRE_BROWSER=1) but is not installed.");
        var odd = fixture.Run.Results.Results.Where(r => r.Verdict is Verdict.Error or Verdict.Skip or Verdict.Inconclusive && !BrowserAvailability.ExcusedSkip(r))
            .Select(r => $"{r.Id} {r.Case}: {r.Verdict.Name()} {r.Reason}").ToList();
        Assert.True(odd.Count == 0, string.Join("\n", odd));
    }

    [Fact]
    public void No_pass_rests_on_an_unrecognised_or_missing_observation()
    {
        var hollow = HollowPasses.In(fixture.Run.Results);
        Assert.True(hollow.Count == 0, string.Join("\n", hollow));
    }

    [Fact]
    public void Every_check_in_the_catalogue_has_a_result()
    {
        var ids = fixture.Run.Results.Results.Select(r => r.Id).ToHashSet();
        var missing = CheckCatalogue.Load(_layout.CheckCatalogueFile).Checks.Select(c => c.Id).Where(id => !ids.Contains(id)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void LK_001_has_one_case_per_required_auth_operation()
    {
        var expected = EndpointCatalogue.Load(_layout.EndpointCatalogueFile).InLockCategory(LockCategories.RequiredAuth).Select(o => o.OperationId).Order().ToList();
        var cases = fixture.Run.Results.Results.Where(r => r.Id == "LK-001").Select(r => r.Case!).Order().ToList();
        Assert.Equal(132, expected.Count);
        Assert.Equal(expected, cases);
    }

    [Fact]
    public void SUS_001_has_one_case_per_required_auth_operation_and_the_suspension_was_real()
    {
        var expected = EndpointCatalogue.Load(_layout.EndpointCatalogueFile).InLockCategory(LockCategories.RequiredAuth).Select(o => o.OperationId).Order().ToList();
        var cases = fixture.Run.Results.Results.Where(r => r.Id == "SUS-001").ToList();
        Assert.Equal(expected, cases.Select(r => r.Case!).Order().ToList());
        Assert.Contains(cases, r => r.Reason.StartsWith("Refused for the suspension with 403", StringComparison.Ordinal));
        Assert.StartsWith("msc4323 ", fixture.Run.Results.Features["suspend-adapter"]);
    }

    [Fact]
    public void Results_match_the_committed_schema()
    {
        var errors = ResultsSchema.Errors(File.ReadAllText(fixture.Run.ResultsFile));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>The validator is not a rubber stamp: a stray field or a verdict the schema does not know is caught.</summary>
    [Fact]
    public void Results_that_break_the_schema_are_caught()
    {
        var results = JsonNode.Parse(File.ReadAllText(fixture.Run.ResultsFile))!.AsObject();
        results["stray"] = true;
        Assert.NotEmpty(ResultsSchema.Errors(results.ToJsonString()));
        results.Remove("stray");
        results["results"]![0]!["verdict"] = "maybe";
        Assert.Contains(ResultsSchema.Errors(results.ToJsonString()), e => e.StartsWith("/results/0", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_result_carries_its_catalogue_fields_and_evidence()
    {
        foreach (var r in fixture.Run.Results.Results)
        {
            Assert.False(string.IsNullOrEmpty(r.SpecUrl), r.Id);
            Assert.False(string.IsNullOrEmpty(r.Requirement), r.Id);
            Assert.False(string.IsNullOrEmpty(r.Reason), r.Id);
            if (r.Id is "LK-001" or "LK-002" or "LK-003" or "LK-004")
                Assert.True(r.Observed?.Status is not null && r.Exchanges.Count > 0, $"{r.Id} {r.Case} has no observed response");
        }
    }

    [Fact]
    public void Every_screenshot_referenced_from_the_results_exists()
    {
        var attachments = fixture.Run.Results.Results.SelectMany(r => r.Attachments).ToList();
        if (BrowserAvailability.Present) Assert.Contains(attachments, a => a.Path.EndsWith("device_delete-loaded.png", StringComparison.Ordinal));
        foreach (var a in attachments)
        {
            var file = Path.Combine(fixture.Run.OutDir, a.Path);
            Assert.True(File.Exists(file), $"{a.Name}: {a.Path} does not exist");
            Assert.Equal("image/png", a.ContentType);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(file)[..4]);
        }
    }

    [Fact]
    public void The_run_records_target_versions_and_times()
    {
        var run = fixture.Run.Results;
        Assert.Contains("v1.19", run.Target.SpecVersions);
        Assert.Equal("ReferenceHomeserver 0.1.0", run.Target.ServerVersion);
        Assert.StartsWith("ReferenceHomeserver/", run.Target.ServerHeader);
        Assert.True(run.Run.FinishedAt > run.Run.StartedAt);
        Assert.Equal("v1.19", run.Spec.Version);
        Assert.Contains("lock-adapter", run.Features.Keys);
    }

    [Fact]
    public void The_console_summary_names_areas_and_the_results_file()
    {
        Assert.Contains("Account locking", fixture.Run.Output);
        Assert.Contains("Admin lock API", fixture.Run.Output);
        Assert.Contains("Account suspension", fixture.Run.Output);
        Assert.Contains("Admin suspend API", fixture.Run.Output);
        Assert.Contains("OAuth 2.0 account management", fixture.Run.Output);
        Assert.Contains("results.json", fixture.Run.Output);
        Assert.Contains("Exit code 0", fixture.Run.Output);
    }
}
