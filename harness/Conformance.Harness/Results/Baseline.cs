using System.Text;
using System.Text.Json;
using Conformance.Harness.Checks;
using Conformance.Harness.Layout;

namespace Conformance.Harness.Results;

/// <summary>
/// A target's expected non-pass results (fixtures/baselines/*.yaml): each entry names a check, optionally a
/// case, the verdict the target is known to get, and why, written after reading the server's answer.
/// Comparing a run with it is a ratchet: a new failure fails the run, and so does an expected failure
/// that now passes, until the baseline is updated.
/// </summary>
public sealed class Baseline
{
    public string Target { get; set; } = "";
    public List<Entry> Entries { get; set; } = [];

    public sealed class Entry
    {
        public string Check { get; set; } = "";
        /// <summary>Null (or "*") for every case of the check.</summary>
        public string? Case { get; set; }
        public string Verdict { get; set; } = "";
        public string Reason { get; set; } = "";
    }

    /// <summary>The verdicts a baseline must account for. Info is what INFO and MAY checks give, not a deviation.</summary>
    public static bool NeedsEntry(Verdict v) => v is not (Verdict.Pass or Verdict.Info);

    public static Baseline Load(string file) => YamlJson.Bind<Baseline>(file);

    public Entry? Find(CheckResult r) =>
        Entries.FirstOrDefault(e => e.Check == r.Id && e.Case == r.Case) ?? Entries.FirstOrDefault(e => e.Check == r.Id && e.Case is null or "*");

    public (IReadOnlyList<CheckResult> Results, BaselineSummary Summary) Compare(IReadOnlyList<CheckResult> results, string file)
    {
        var compared = results.Select(r =>
        {
            var entry = Find(r);
            var verdict = r.Verdict.Name();
            var status = entry is null
                ? NeedsEntry(r.Verdict) ? BaselineStatus.Unexpected : BaselineStatus.AsBefore
                : entry.Verdict == verdict ? BaselineStatus.Expected
                : r.Verdict == Verdict.Pass ? BaselineStatus.Fixed
                : BaselineStatus.Changed;
            return r with { Baseline = new BaselineView(status, entry?.Verdict, entry?.Reason) };
        }).ToList();
        int Count(string s) => compared.Count(r => r.Baseline!.Status == s);
        return (compared, new BaselineSummary(file, Count(BaselineStatus.Expected), Count(BaselineStatus.Unexpected), Count(BaselineStatus.Fixed), Count(BaselineStatus.Changed)));
    }

    /// <summary>The baseline this run would need: an entry for every result that needs one, keeping the
    /// reasons already written for entries that did not change.</summary>
    public static Baseline FromRun(string target, IReadOnlyList<CheckResult> results, Baseline? previous) => new()
    {
        Target = target,
        Entries = results.Where(r => NeedsEntry(r.Verdict)).Select(r =>
        {
            var old = previous?.Find(r);
            return new Entry
            {
                Check = r.Id,
                Case = r.Case,
                Verdict = r.Verdict.Name(),
                Reason = old is not null && old.Verdict == r.Verdict.Name() && old.Reason.Length > 0 ? old.Reason : "TODO: read the server's answer and explain. Observed: " + r.Reason,
            };
        }).ToList(),
    };

    /// <summary>Writes the baseline as YAML, one entry per line, so reviews and diffs stay readable.</summary>
    public string ToYaml(string header)
    {
        var sb = new StringBuilder(header);
        sb.Append($"target: {Target}\nentries:\n");
        foreach (var e in Entries)
            sb.Append($"  - {{ check: {e.Check}, case: {JsonSerializer.Serialize(e.Case ?? "*")}, verdict: {e.Verdict}, reason: {JsonSerializer.Serialize(e.Reason, RunResults.Json)} }}\n");
        return sb.ToString();
    }
}

public static class BaselineStatus
{
    /// <summary>The baseline expects exactly this verdict.</summary>
    public const string Expected = "expected";
    /// <summary>A non-pass the baseline does not list: fails the run.</summary>
    public const string Unexpected = "unexpected";
    /// <summary>The baseline expects a non-pass, and it now passes: fails the run until the baseline is updated.</summary>
    public const string Fixed = "fixed";
    /// <summary>The baseline expects another non-pass verdict: fails the run.</summary>
    public const string Changed = "changed";
    /// <summary>Passes (or records info) and the baseline says nothing: fine.</summary>
    public const string AsBefore = "as-before";
}

/// <summary>The baseline's view of one result.</summary>
public sealed record BaselineView(string Status, string? Expected, string? Reason);

public sealed record BaselineSummary(string File, int Expected, int Unexpected, int Fixed, int Changed)
{
    public int Deviations => Unexpected + Fixed + Changed;
}
