using System.Text.RegularExpressions;
using Conformance.Harness.Checks;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reports;

/// <summary>One check as a row: what it is (from the newest suite version that ran it) and a cell per run,
/// null where that run has no result for it (another suite version, or an --only run).</summary>
public sealed record MatrixRow(string Id, string Title, string Area, string Level, string SpecUrl, IReadOnlyList<CheckCell?> Cells)
{
    /// <summary>Set when runs of other suite versions give the check another level.</summary>
    public string? LevelNote { get; init; }

    /// <summary>Whether any two runs disagree: another verdict for a case, other cases, or no result at all.</summary>
    public bool Differs => Cells.Select(c => c?.Signature).Distinct().Count() > 1;

    public IReadOnlySet<Verdict> Verdicts => Cells.OfType<CheckCell>().SelectMany(c => c.Cases).Select(r => r.Verdict).ToHashSet();
}

public sealed record MatrixArea(string Key, string Title, IReadOnlyList<MatrixRow> Rows);

/// <summary>
/// Many runs side by side: a column per run (in the order given), a row per check, grouped by area in
/// the catalogue's order, checks in ID order. Runs need not come from one machine or one suite version;
/// where versions differ the matrix says so rather than hiding it.
/// </summary>
public sealed partial record ComparisonMatrix(IReadOnlyList<RunColumn> Columns, IReadOnlyList<MatrixArea> Areas)
{
    public IEnumerable<MatrixRow> Rows => Areas.SelectMany(a => a.Rows);

    public IReadOnlyList<string> SuiteVersions => Columns.Select(c => c.SuiteVersion).Distinct().ToList();
    public IReadOnlyList<string> SpecVersions => Columns.Select(c => c.SpecVersion).Distinct().ToList();

    /// <param name="areaTitles">Area keys to titles, in the order areas are shown; areas a run names that
    /// are not here (a newer suite's) follow, under their key.</param>
    public static ComparisonMatrix Build(IReadOnlyList<LoadedRun> runs, IReadOnlyDictionary<string, string> areaTitles, string pageFolder)
    {
        var columns = runs.Select(r => RunColumn.Of(r, pageFolder)).ToList();
        // Where runs disagree on what a check is, the newest suite version speaks for it.
        var newestFirst = runs.Select((r, i) => (Run: r, Index: i))
            .OrderByDescending(x => SuiteVersionOf(x.Run)).ThenByDescending(x => x.Run.Results.Run.StartedAt).ToList();
        var byRun = runs.Select(r => r.Results.Results.ToLookup(x => x.Id)).ToList();

        var rows = runs.SelectMany(r => r.Results.Results.Select(x => x.Id)).Distinct().Select(id =>
        {
            var definitions = newestFirst.Select(x => byRun[x.Index][id].FirstOrDefault()).OfType<CheckResult>().ToList();
            var d = definitions[0];
            var otherLevels = newestFirst.Where(x => byRun[x.Index][id].Any(r => r.Level != d.Level))
                .Select(x => $"{byRun[x.Index][id].First().Level} in suite {x.Run.Results.Suite.Version}").Distinct().ToList();
            var cells = byRun.Select(lookup => lookup[id].ToList() is { Count: > 0 } cases ? new CheckCell(cases) : null).ToList();
            return new MatrixRow(id, d.Title, d.Area, d.Level, d.SpecUrl, cells) { LevelNote = otherLevels.Count > 0 ? string.Join("; ", otherLevels) : null };
        }).ToList();

        var areaOrder = areaTitles.Keys.Concat(rows.Select(r => r.Area)).Distinct().ToList();
        var areas = areaOrder
            .Select(key => new MatrixArea(key, areaTitles.GetValueOrDefault(key, key), rows.Where(r => r.Area == key).OrderBy(r => r.Id, IdOrder.Instance).ToList()))
            .Where(a => a.Rows.Count > 0).ToList();
        return new ComparisonMatrix(columns, areas);
    }

    private static Version SuiteVersionOf(LoadedRun run) => Version.TryParse(run.Results.Suite.Version, out var v) ? v : new Version(0, 0);

    /// <summary>LK-2 before LK-10: the letters, then the number.</summary>
    private sealed partial class IdOrder : IComparer<string>
    {
        public static readonly IdOrder Instance = new();

        [GeneratedRegex(@"^(?<prefix>\D*)(?<number>\d+)(?<rest>.*)$")]
        private static partial Regex Parts();

        public int Compare(string? x, string? y)
        {
            Match a = Parts().Match(x ?? ""), b = Parts().Match(y ?? "");
            if (!a.Success || !b.Success) return string.CompareOrdinal(x, y);
            var byPrefix = string.CompareOrdinal(a.Groups["prefix"].Value, b.Groups["prefix"].Value);
            if (byPrefix != 0) return byPrefix;
            string m = a.Groups["number"].Value.TrimStart('0'), n = b.Groups["number"].Value.TrimStart('0');
            var byNumber = m.Length != n.Length ? m.Length.CompareTo(n.Length) : string.CompareOrdinal(m, n);
            return byNumber != 0 ? byNumber : string.CompareOrdinal(a.Groups["rest"].Value, b.Groups["rest"].Value);
        }
    }
}
