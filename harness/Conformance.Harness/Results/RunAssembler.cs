using Conformance.Harness.Checks;

namespace Conformance.Harness.Results;

/// <summary>
/// Merges the suites' parts into one result list, and makes sure every selected check is accounted for:
/// a check with no result (its suite crashed, or the test was never run) gets an <c>error</c> result
/// saying so, rather than silently vanishing from the report.
/// </summary>
public static class RunAssembler
{
    public static IReadOnlyList<CheckResult> Merge(IEnumerable<SuitePart> parts, IEnumerable<CheckDefinition> selected, IReadOnlyDictionary<string, string> missingSuiteReasons)
    {
        var results = parts.SelectMany(p => p.Results).ToList();
        var seen = results.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var check in selected.Where(c => !seen.Contains(c.Id)))
        {
            var why = missingSuiteReasons.TryGetValue(check.Id, out var reason) ? reason : "no test produced a result for this check";
            results.Add(new CheckResult
            {
                Id = check.Id,
                Subject = check.Title,
                Verdict = Verdict.Error,
                Reason = $"The check did not run: {why}.",
                StartedAt = DateTimeOffset.UtcNow,
            }.WithDefinition(check));
        }
        return results.OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Case, StringComparer.Ordinal).ToList();
    }
}
