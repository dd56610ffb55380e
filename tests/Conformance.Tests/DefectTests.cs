using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Tests.Support;
using ReferenceHomeserver;
using Xunit;

namespace Conformance.Tests;

/// <summary>
/// Every check must be shown to fail: the suite runs against the reference server with each defect
/// switched on, and every result that defects.yaml promises must be there.
/// </summary>
public sealed class DefectTests
{
    public static TheoryData<string> Defects() =>
        new(DefectCatalogueFile.Load().Defects.Select(d => d.Name));

    [Theory, MemberData(nameof(Defects))]
    public async Task Each_defect_trips_the_checks_it_breaks(string defect)
    {
        var entry = DefectCatalogueFile.Load().Defects.Single(d => d.Name == defect);
        // Only the checks the defect trips: the scenarios they need still run whole, and the clean run
        // covers every check together.
        var only = string.Join(',', entry.Trips.Select(t => t.Check).Distinct());
        var run = await CliRun.ExecuteAsync("--reference-defect", defect, "--only", only, "--no-html");
        var results = run.Results.Results;

        foreach (var trip in entry.Trips)
        {
            var candidates = results.Where(r => r.Id == trip.Check && (trip.Case is null || r.Case == trip.Case)).ToList();
            Assert.True(candidates.Count > 0, $"{defect}: no result for {trip.Check} {trip.Case}");
            var hit = trip.Finding is not null
                ? candidates.Any(r => r.Finding?.Contains(trip.Finding, StringComparison.Ordinal) == true)
                : candidates.Any(r => r.Verdict.Name() == trip.Verdict);
            Assert.True(hit, $"{defect}: expected {trip}; got {string.Join("; ", candidates.Take(5).Select(r => $"{r.Case} {r.Verdict.Name()} '{r.Finding ?? r.Reason}'"))}");
        }

        // A defect may make checks fail, warn or be inconclusive; an error would mean the harness broke,
        // unless the defect is there to show one (a site the default browser steps cannot use).
        if (entry.Trips.All(t => t.Verdict != "error"))
        {
            var errors = results.Where(r => r.Verdict == Verdict.Error).Select(r => $"{r.Id} {r.Case}: {r.Reason}").ToList();
            Assert.True(errors.Count == 0, $"{defect}: " + string.Join("\n", errors));
        }
        var expected = results.Any(r => r.Verdict == Verdict.Fail && r.Level == CheckLevels.Must) ? 1 : results.Any(r => r.Verdict == Verdict.Error) ? 5 : 0;
        Assert.Equal(expected, run.ExitCode);
    }
}

public static class DefectCatalogueFile
{
    public static DefectCatalogue Load() => DefectCatalogue.Load(RepositoryLayout.Locate().DefectCatalogueFile);
}

public sealed class DefectCatalogueTests
{
    [Fact]
    public void Defects_yaml_names_exactly_the_servers_defect_switches()
    {
        var listed = DefectCatalogueFile.Load().Defects.Select(d => d.Name).Order().ToList();
        Assert.Equal(DefectNames.All.Keys.Order().ToList(), listed);
    }

    [Fact]
    public void Every_check_is_tripped_by_at_least_one_defect()
    {
        var tripped = DefectCatalogueFile.Load().Defects.SelectMany(d => d.Trips).Select(t => t.Check).ToHashSet();
        var untested = CheckCatalogue.Load(RepositoryLayout.Locate().CheckCatalogueFile).Checks.Select(c => c.Id).Where(id => !tripped.Contains(id)).ToList();
        Assert.True(untested.Count == 0, "No defect trips: " + string.Join(", ", untested));
    }

    [Fact]
    public void Defects_expect_the_breach_verdict_of_their_checks_level()
    {
        var checks = CheckCatalogue.Load(RepositoryLayout.Locate().CheckCatalogueFile);
        foreach (var defect in DefectCatalogueFile.Load().Defects)
            foreach (var trip in defect.Trips)
            {
                Assert.True(trip.Verdict is not null ^ trip.Finding is not null, $"{defect.Name}: {trip} needs a verdict or a finding, not both");
                var level = checks[trip.Check].Level;
                if (trip.Verdict is null) Assert.True(level is CheckLevels.Info or CheckLevels.May || defect.Variant, $"{defect.Name}: {trip} expects a finding from a {level} check");
                else if (!defect.Variant)
                {
                    // A MUST check can also have a SHOULD part (LK-010's error code), reported as warn.
                    var expected = Verdicts.ForBreach(level, checks[trip.Check].LevelDetail).Name();
                    Assert.True(trip.Verdict == expected || expected == "fail" && trip.Verdict == "warn", $"{defect.Name}: {trip} but a breach of {trip.Check} ({level}) is {expected}");
                }
            }
    }
}
