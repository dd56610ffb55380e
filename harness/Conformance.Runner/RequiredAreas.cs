using Conformance.Harness.Checks;
using Conformance.Harness.Profiles;
using Conformance.Harness.Results;

namespace Conformance.Runner;

/// <summary>
/// The areas a run requires the server to offer (<c>--require</c> and the profile's <c>require:</c>): a
/// server that implements none of a feature gets every check of it skipped, which is honest but exits 0;
/// a CI job that expects the feature says so here, and a required area that was entirely skipped fails
/// the run.
/// </summary>
public static class RequiredAreas
{
    /// <summary>The required areas among the selected checks. An unknown area is a usage error on the
    /// command line and a profile error in the profile; an area the command line requires but
    /// <c>--only</c> leaves out is a usage error, one the profile requires is simply not judged.</summary>
    public static IReadOnlyList<string> Of(CheckCatalogue catalogue, IReadOnlyList<CheckDefinition> selected, string? option, TargetProfile profile, string profilePath)
    {
        var known = string.Join(", ", catalogue.Areas.Keys);
        var selectedAreas = selected.Select(c => c.Area).ToHashSet(StringComparer.Ordinal);
        var required = new List<string>();
        foreach (var area in option?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [])
        {
            if (!catalogue.Areas.ContainsKey(area)) throw new UsageException($"--require: '{area}' is not an area (areas: {known}).");
            if (!selectedAreas.Contains(area)) throw new UsageException($"--require {area}: no selected check is in that area (see --only).");
            required.Add(area);
        }
        foreach (var area in profile.Require)
        {
            if (!catalogue.Areas.ContainsKey(area)) throw new ProfileException($"Profile {profilePath}: require names '{area}', which is not an area (areas: {known}).");
            if (selectedAreas.Contains(area)) required.Add(area);
        }
        return required.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Each required area whose results are all skips, with the detections that showed the
    /// feature is not offered.</summary>
    public static IReadOnlyList<(string Area, string Detection)> NotApplicable(RunResults run) =>
        run.Run.Require
            .Select(area => (Area: area, Results: run.Results.Where(r => r.Area == area).ToList()))
            .Where(a => a.Results.Count > 0 && a.Results.All(r => r.Verdict == Verdict.Skip))
            .Select(a => (a.Area, string.Join("; ", a.Results.Select(r => r.Detection ?? r.Reason).Distinct(StringComparer.Ordinal).Take(3))))
            .ToList();
}
