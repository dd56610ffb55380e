using Conformance.Harness.Checks;

namespace Conformance.Runner;

/// <summary>The checks a run covers: all of them, or those <c>--only</c> names by ID or area.</summary>
public static class CheckSelection
{
    public static IReadOnlyList<CheckDefinition> Of(CheckCatalogue checks, string? only)
    {
        if (only is null) return checks.Checks;
        var selected = new List<CheckDefinition>();
        foreach (var token in only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (checks.Areas.ContainsKey(token)) selected.AddRange(checks.Checks.Where(c => c.Area == token));
            else if (checks.Contains(token)) selected.Add(checks[token]);
            else throw new UsageException($"--only: '{token}' is neither a check ID nor an area (areas: {string.Join(", ", checks.Areas.Keys)}).");
        }
        return selected.DistinctBy(c => c.Id).ToList();
    }
}
