using Conformance.Harness.Checks;
using Conformance.Harness.Results;

namespace Conformance.Tests.Support;

/// <summary>Hand-made runs for the matrix page and diff tests: only what those reports read.</summary>
public static class SampleRuns
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static CheckResult Result(string id, string? @case, Verdict verdict, string level = CheckLevels.Must, string area = "locking",
        string? reason = null, string? finding = null, BaselineView? baseline = null) => new()
    {
        Id = id,
        Case = @case,
        Subject = @case is null ? $"GET /{id}" : $"GET /{id}/{@case}",
        Verdict = verdict,
        Reason = reason ?? $"{verdict.Name()} because of {id} {@case}",
        Finding = finding,
        Baseline = baseline,
        Title = $"title of {id}",
        Area = area,
        Family = "f",
        Level = level,
        Since = "1.12",
        SpecUrl = $"https://spec.matrix.org/v1.19/client-server-api/#{id.ToLowerInvariant()}",
        Requirement = "a requirement",
        StartedAt = T0,
    };

    /// <summary>Many cases of one check: the first <paramref name="verdicts"/> in order, then passes up to <paramref name="count"/>.</summary>
    public static IEnumerable<CheckResult> Sweep(string id, int count, params Verdict[] verdicts) =>
        Enumerable.Range(0, count).Select(i => Result(id, $"op{i:000}", i < verdicts.Length ? verdicts[i] : Verdict.Pass));

    public static LoadedRun Run(string name, IEnumerable<CheckResult> results, string suiteVersion = "0.1.0", string? file = null,
        BaselineSummary? baseline = null, string? filter = null, IReadOnlyList<string>? defects = null, string spec = "v1.19", string? serverVersion = "1.0")
    {
        var list = results.ToList();
        var run = new RunResults
        {
            Suite = new SuiteInfo("matrix-account-conformance", suiteVersion),
            Run = new RunInfo { Id = name[..Math.Min(6, name.Length)], StartedAt = T0, FinishedAt = T0.AddSeconds(10), Filter = filter, Defects = defects ?? [] },
            Target = new TargetInfo { Name = name, Kind = "url", BaseUrl = "http://127.0.0.1:1", ServerVersion = serverVersion },
            Spec = new SpecInfo(spec, "fixtures/catalogue/endpoints.json"),
            Summary = ResultSummary.Of(list),
            Baseline = baseline,
            Results = list,
        };
        return new LoadedRun(file ?? Path.Combine(Path.GetTempPath(), "conformance-tests", "samples", name, "results.json"), run);
    }

    /// <summary>A run written to a fresh folder, as results.json.</summary>
    public static string Write(LoadedRun run, string? folder = null)
    {
        var dir = folder ?? Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, ResultsFiles.FileName);
        File.WriteAllText(file, run.Results.ToJson());
        return file;
    }

    public static readonly IReadOnlyDictionary<string, string> AreaTitles = new Dictionary<string, string>
    {
        ["locking"] = "Account locking",
        ["admin-lock-api"] = "Admin lock API",
        ["oauth-metadata"] = "OAuth 2.0 server metadata",
        ["account-management"] = "OAuth 2.0 account management",
    };
}
