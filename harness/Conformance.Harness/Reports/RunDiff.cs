using Conformance.Harness.Checks;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reports;

/// <summary>How one (check, case) changed from one run to the next.</summary>
public enum ChangeKind
{
    /// <summary>Now a broken requirement (fail or warn) that was not, or a warn that became a fail.</summary>
    NewlyFailing,
    /// <summary>Passed before; now skipped, inconclusive or in error: the pass is lost.</summary>
    NoLongerPassing,
    /// <summary>Passes now; did not before.</summary>
    NewlyPassing,
    /// <summary>Any other change of verdict (a fail that became a warn, an error that became a skip) or
    /// of the finding an INFO or MAY check records.</summary>
    Other,
    /// <summary>Only in the new run: a new check or case (another suite version, or another --only).</summary>
    Added,
    /// <summary>Only in the old run.</summary>
    Removed,
}

public sealed record CaseChange(ChangeKind Kind, CheckResult? Old, CheckResult? New)
{
    private CheckResult Latest => New ?? Old!;
    public string Id => Latest.Id;
    public string? Case => Latest.Case;
    public string Subject => Latest.Subject;
    public string Level => Latest.Level;
    public string Title => Latest.Title;
    public string SpecUrl => Latest.SpecUrl;
    public string Verdicts => $"{Old?.Verdict.Name() ?? "—"} → {New?.Verdict.Name() ?? "—"}";
    /// <summary>Why the new verdict (or, for a removed case, the old one).</summary>
    public string Reason => Latest.Reason;
    public bool FindingChanged => Old is not null && New is not null && Old.Verdict == New.Verdict && Old.Finding != New.Finding;
}

/// <summary>
/// What changed between two runs, per (check, case). A regression is a case that now breaks its
/// requirement, or that passed and no longer does; that is what makes <c>./run.sh diff</c> exit 1.
/// Cases only one run has are listed (new, removed) but are not regressions: they come from another
/// suite version or another --only selection, and the runs' headers say which.
/// </summary>
public sealed record RunDiff(LoadedRun Old, LoadedRun New, IReadOnlyList<CaseChange> Changes)
{
    public static readonly ChangeKind[] Order = [ChangeKind.NewlyFailing, ChangeKind.NoLongerPassing, ChangeKind.NewlyPassing, ChangeKind.Other, ChangeKind.Added, ChangeKind.Removed];

    public IReadOnlyList<CaseChange> Of(ChangeKind kind) => Changes.Where(c => c.Kind == kind).ToList();

    public int Regressions => Changes.Count(c => c.Kind is ChangeKind.NewlyFailing or ChangeKind.NoLongerPassing);
    public bool Regressed => Regressions > 0;

    public static RunDiff Compare(LoadedRun old, LoadedRun @new)
    {
        static string Key(CheckResult r) => $"{r.Id}\n{r.Case}";
        var before = old.Results.Results.GroupBy(Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = @new.Results.Results.GroupBy(Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var changes = new List<CaseChange>();
        foreach (var (key, n) in after)
        {
            if (!before.TryGetValue(key, out var o)) changes.Add(new CaseChange(ChangeKind.Added, null, n));
            else if (KindOf(o, n) is { } kind) changes.Add(new CaseChange(kind, o, n));
        }
        changes.AddRange(before.Where(b => !after.ContainsKey(b.Key)).Select(b => new CaseChange(ChangeKind.Removed, b.Value, null)));
        var ordered = changes.OrderBy(c => Array.IndexOf(Order, c.Kind)).ThenBy(c => c.Id, StringComparer.Ordinal).ThenBy(c => c.Case, StringComparer.Ordinal).ToList();
        return new RunDiff(old, @new, ordered);
    }

    private static ChangeKind? KindOf(CheckResult o, CheckResult n)
    {
        if (o.Verdict == n.Verdict) return o.Finding != n.Finding ? ChangeKind.Other : null;
        if (Broken(n.Verdict) > Broken(o.Verdict)) return ChangeKind.NewlyFailing;
        if (n.Verdict == Verdict.Pass) return ChangeKind.NewlyPassing;
        if (o.Verdict == Verdict.Pass) return ChangeKind.NoLongerPassing;
        return ChangeKind.Other;
    }

    /// <summary>How badly a requirement is broken: a fail over a warn over anything else.</summary>
    private static int Broken(Verdict v) => v switch { Verdict.Fail => 2, Verdict.Warn => 1, _ => 0 };

    /// <summary>The runs differ in what they ran: worth saying before the changes are read.</summary>
    public IReadOnlyList<string> Caveats
    {
        get
        {
            var (o, n) = (Old.Results, New.Results);
            var caveats = new List<string>();
            if (o.Suite.Version != n.Suite.Version) caveats.Add($"The runs were made by different suite versions ({o.Suite.Version} and {n.Suite.Version}): new and removed checks may come from that.");
            if (o.Run.Filter != n.Run.Filter) caveats.Add($"The runs selected different checks (old: {o.Run.Filter ?? "all"}; new: {n.Run.Filter ?? "all"}).");
            if (o.Target.Name != n.Target.Name) caveats.Add($"The runs tested different targets ({o.Target.Name} and {n.Target.Name}).");
            if (o.Run.Strict != n.Run.Strict) caveats.Add($"One run was strict and the other not (old: {(o.Run.Strict ? "strict" : "non-strict")}; new: {(n.Run.Strict ? "strict" : "non-strict")}).");
            return caveats;
        }
    }

    /// <summary>The changes counted by kind: "1 newly failing, 3 new checks or cases", or "no change".</summary>
    public string Tally
    {
        get
        {
            var counts = Order.Select(k => (Kind: k, Count: Of(k).Count)).Where(x => x.Count > 0).Select(x => $"{x.Count} {Title(x.Kind).ToLowerInvariant()}").ToList();
            return counts.Count == 0 ? "no change" : string.Join(", ", counts);
        }
    }

    public static string Title(ChangeKind kind) => kind switch
    {
        ChangeKind.NewlyFailing => "Newly failing",
        ChangeKind.NoLongerPassing => "No longer passing",
        ChangeKind.NewlyPassing => "Newly passing",
        ChangeKind.Other => "Other changes",
        ChangeKind.Added => "New checks or cases",
        _ => "Removed checks or cases",
    };

    /// <summary>A run as one line: what was tested, by which suite, when, and how the run was shaped.</summary>
    public static string Describe(LoadedRun run)
    {
        var r = run.Results;
        var extras = new List<string>();
        if (r.Run.Defects.Count > 0) extras.Add($"defects: {string.Join(", ", r.Run.Defects)}");
        if (r.Run.Filter is { } only) extras.Add($"only: {only}");
        return $"{r.Target.Name} ({r.Target.ServerVersion ?? r.Target.ServerHeader ?? "version not reported"}), suite {r.Suite.Version}, "
               + $"{r.Run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC, run {r.Run.Id}{(extras.Count > 0 ? "; " + string.Join("; ", extras) : "")}";
    }
}
