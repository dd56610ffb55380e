using Conformance.Harness.Checks;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reports;

/// <summary>
/// A run as a column of the matrix page: what was tested (target, server version), by what (suite and
/// spec version), when, how the run was shaped (defects, --only, non-strict), its MUST and SHOULD scores,
/// how it stands against its baseline, and links to its results.json and, when it sits beside it, its
/// HTML report. Links are relative to the page, so a folder of runs and the page can be moved together.
/// </summary>
public sealed record RunColumn
{
    public required LoadedRun Run { get; init; }
    public required string ResultsHref { get; init; }
    public string? ReportHref { get; init; }

    private RunResults R => Run.Results;

    public string Name => R.Target.Name;
    public string Server => R.Target.ServerVersion ?? R.Target.ServerHeader ?? "version not reported";
    public string SuiteVersion => R.Suite.Version;
    public string SpecVersion => R.Spec.Version;
    public DateTimeOffset Started => R.Run.StartedAt;
    public string Date => R.Run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What makes this run unlike a plain full run, one phrase each.</summary>
    public IReadOnlyList<string> Notes =>
    [
        .. R.Run.Defects.Count > 0 ? [$"defects: {string.Join(", ", R.Run.Defects)}"] : Array.Empty<string>(),
        .. R.Run.Filter is { } only ? [$"only: {only}"] : Array.Empty<string>(),
        .. R.Run.Strict ? Array.Empty<string>() : ["non-strict"],
    ];

    public LevelScore Must => LevelScore.Of(R.Results, CheckLevels.Must);
    public LevelScore Should => LevelScore.Of(R.Results, CheckLevels.Should);
    public int Skipped => Must.Skipped + Should.Skipped;

    /// <summary>Null when the run had no baseline; else whether it met it, and a phrase saying how.</summary>
    public (bool Met, string Text)? Baseline => R.Baseline is not { } b ? null
        : b.Deviations == 0 ? (true, $"as the baseline expects ({b.Expected} expected)")
        : (false, $"{b.Deviations} deviation(s) from the baseline ({b.Unexpected} unexpected, {b.Fixed} fixed, {b.Changed} changed)");

    public static RunColumn Of(LoadedRun run, string pageFolder)
    {
        var report = Path.Combine(run.Folder, "report", "index.html");
        return new RunColumn
        {
            Run = run,
            ResultsHref = Href(pageFolder, run.File),
            ReportHref = File.Exists(report) ? Href(pageFolder, report) : null,
        };
    }

    /// <summary>A link from the page's folder to a file: relative where both share a root, else a file URI.</summary>
    public static string Href(string pageFolder, string file)
    {
        var relative = Path.GetRelativePath(pageFolder, file);
        if (Path.IsPathRooted(relative)) return new Uri(file).AbsoluteUri;
        return string.Join('/', relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Select(s => s == ".." ? s : Uri.EscapeDataString(s)));
    }
}
