using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Conformance.Harness.Checks;

namespace Conformance.Harness.Reports;

/// <summary>
/// The matrix as one self-contained HTML file: the table is plain HTML (readable without script), and a
/// small script adds filters (area, level, verdict, text), an "only differences" toggle and a panel with
/// every case of a cell. Styles, script and data are inline; a Content-Security-Policy forbids loading
/// anything at all, so opening the page never asks another host for anything. Every text from a
/// results.json is encoded: the runs may come from anywhere.
/// </summary>
public static class MatrixPage
{
    private static readonly JsonSerializerOptions DataJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    public static string Render(ComparisonMatrix m, string title, DateTimeOffset made, string suite)
    {
        var sb = new StringBuilder(64 * 1024);
        sb.Append($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="{ContentSecurityPolicy}">
            <meta name="generator" content="{E(suite)}">
            <title>{E(title)}</title>
            <style>
            {Asset("matrix-page.css")}
            </style>
            </head>
            <body>
            <header>
            <h1>{E(title)}</h1>
            <p class="sub">{m.Columns.Count} run(s) · {m.Rows.Count()} checks · made {made.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)} by {E(suite)}</p>

            """);
        Banners(sb, m);
        Filters(sb, m);
        sb.Append("</header>\n<main id=\"scroll\">\n<table id=\"matrix\">\n");
        Head(sb, m);
        Body(sb, m);
        sb.Append("</table>\n</main>\n");
        sb.Append("""
            <aside id="detail" hidden aria-live="polite"><button type="button" id="close" aria-label="Close">×</button><div id="detail-body"></div></aside>

            """);
        Footer(sb, m);
        sb.Append("<script type=\"application/json\" id=\"data\">").Append(Data(m)).Append("</script>\n");
        sb.Append("<script>\n").Append(Asset("matrix-page.js")).Append("\n</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Banners(StringBuilder sb, ComparisonMatrix m)
    {
        if (m.SuiteVersions.Count > 1)
            sb.Append($"<p class=\"banner\" id=\"suite-versions\">These runs were made by different suite versions: {E(Tally(m.Columns.Select(c => c.SuiteVersion)))}. "
                      + "A check that a version does not have shows as —; titles and levels are those of the newest version.</p>\n");
        if (m.SpecVersions.Count > 1)
            sb.Append($"<p class=\"banner\" id=\"spec-versions\">These runs checked against different spec versions: {E(Tally(m.Columns.Select(c => c.SpecVersion)))}.</p>\n");
    }

    private static string Tally(IEnumerable<string> values) =>
        string.Join(", ", values.GroupBy(v => v).Select(g => $"{g.Key} ({g.Count()} run{(g.Count() == 1 ? "" : "s")})"));

    private static void Filters(StringBuilder sb, ComparisonMatrix m)
    {
        sb.Append("<form id=\"filters\">\n<label>area <select name=\"area\"><option value=\"\">all</option>");
        foreach (var a in m.Areas) sb.Append($"<option value=\"{E(a.Key)}\">{E(a.Title)}</option>");
        sb.Append("</select></label>\n<fieldset><legend>level</legend>");
        foreach (var level in CheckLevels.All.Where(l => m.Rows.Any(r => r.Level == l)))
            sb.Append($"<label><input type=\"checkbox\" name=\"level\" value=\"{E(level)}\" checked> {E(level)}</label>");
        sb.Append("</fieldset>\n<label>verdict <select name=\"verdict\"><option value=\"\">any</option><option value=\"not-met\">any not met</option>");
        foreach (var v in CheckCell.BySeriousness) sb.Append($"<option value=\"{v.Name()}\">has {v.Name()}</option>");
        sb.Append("""
            </select></label>
            <label><input type="checkbox" name="differences"> only differences</label>
            <label>find <input type="search" name="search" placeholder="ID or words" size="14"></label>
            <output id="shown"></output>
            </form>
            <p class="legend">
            """);
        foreach (var v in CheckCell.BySeriousness.Reverse()) sb.Append($"<span class=\"chip v-{v.Name()}\">{v.Name()}</span> ");
        sb.Append("<span class=\"chip v-none\">—</span> not in that run · <span class=\"chip v-skip expected\">&nbsp;&nbsp;&nbsp;</span> as the run's baseline expects · ")
          .Append("a check with several cases shows how many were met (pass or info) of how many ran; click a cell for every case</p>\n");
    }

    private static void Head(StringBuilder sb, ComparisonMatrix m)
    {
        var newest = m.Columns.Select(c => c.SuiteVersion).MaxBy(v => Version.TryParse(v, out var p) ? p : new Version(0, 0));
        sb.Append("<thead>\n<tr class=\"runs\"><th class=\"corner\" scope=\"col\">check</th>");
        for (var i = 0; i < m.Columns.Count; i++)
        {
            var c = m.Columns[i];
            sb.Append($"<th class=\"run\" scope=\"col\" data-col=\"{i}\"><div class=\"name\">{E(c.Name)}</div><div class=\"server\">{E(c.Server)}</div>");
            var mismatch = m.SuiteVersions.Count > 1 && c.SuiteVersion != newest ? " mismatch" : "";
            sb.Append($"<div class=\"suite{mismatch}\">suite {E(c.SuiteVersion)} · spec {E(c.SpecVersion)}</div><div class=\"date\">{E(c.Date)}</div>");
            foreach (var note in c.Notes) sb.Append($"<div class=\"note\">{E(note)}</div>");
            sb.Append("<div class=\"links\">");
            if (c.ReportHref is { } report) sb.Append($"<a href=\"{E(report)}\">report</a> · ");
            sb.Append($"<a href=\"{E(c.ResultsHref)}\">results.json</a></div></th>");
        }
        sb.Append("</tr>\n<tr class=\"scores\"><th class=\"corner\" scope=\"row\">cases passed / ran<br><span class=\"hint\">skips apart; baseline</span></th>");
        foreach (var c in m.Columns)
        {
            sb.Append("<td class=\"score\">");
            sb.Append($"<div class=\"{(c.Must.AllPassed ? "ok" : "bad")}\">{E(c.Must.ToString())}</div>");
            sb.Append($"<div class=\"{(c.Should.AllPassed ? "ok" : "meh")}\">{E(c.Should.ToString())}</div>");
            if (c.Skipped > 0) sb.Append($"<div class=\"skipped\">{c.Skipped} skipped</div>");
            sb.Append(c.Baseline is { } b
                ? $"<div class=\"baseline {(b.Met ? "ok" : "bad")}\" title=\"{E(c.Run.Results.Baseline!.File)}\">{E(b.Met ? "baseline met" : "baseline: " + b.Text)}</div>"
                : "<div class=\"baseline none\">no baseline</div>");
            sb.Append("</td>");
        }
        sb.Append("</tr>\n</thead>\n");
    }

    private static void Body(StringBuilder sb, ComparisonMatrix m)
    {
        sb.Append("<tbody>\n");
        foreach (var area in m.Areas)
        {
            sb.Append($"<tr class=\"area\" data-area=\"{E(area.Key)}\"><th colspan=\"{m.Columns.Count + 1}\" scope=\"rowgroup\">{E(area.Title)} <span class=\"count\">{area.Rows.Count} checks</span></th></tr>\n");
            foreach (var row in area.Rows)
            {
                var verdicts = string.Join(' ', row.Verdicts.Select(v => v.Name()).Order(StringComparer.Ordinal));
                var search = $"{row.Id} {row.Title}".ToLowerInvariant();
                sb.Append($"<tr class=\"check\" data-id=\"{E(row.Id)}\" data-area=\"{E(row.Area)}\" data-level=\"{E(row.Level)}\" data-verdicts=\"{E(verdicts)}\" data-differs=\"{(row.Differs ? 1 : 0)}\" data-search=\"{E(search)}\">");
                var id = IsWebLink(row.SpecUrl) ? $"<a class=\"id\" href=\"{E(row.SpecUrl)}\" title=\"the spec\">{E(row.Id)}</a>" : $"<span class=\"id\">{E(row.Id)}</span>";
                var levelTitle = row.LevelNote is { } note ? $" title=\"{E(note)}\"" : "";
                sb.Append($"<th scope=\"row\" class=\"check\">{id} <span class=\"level l-{E(row.Level)}{(row.LevelNote is null ? "" : " changed")}\"{levelTitle}>{E(row.Level)}</span> <span class=\"title\">{E(row.Title)}</span></th>");
                for (var i = 0; i < row.Cells.Count; i++) Cell(sb, m, row.Cells[i], i);
                sb.Append("</tr>\n");
            }
        }
        sb.Append("</tbody>\n");
    }

    private static void Cell(StringBuilder sb, ComparisonMatrix m, CheckCell? cell, int col)
    {
        if (cell is null)
        {
            var run = m.Columns[col].Run.Results;
            var why = run.Run.Filter is { } only ? $"not in this run (it ran only {only})" : $"not in this run (suite {run.Suite.Version})";
            sb.Append($"<td class=\"cell v-none\" data-col=\"{col}\" title=\"{E(why)}\">—</td>");
            return;
        }
        var expected = cell.Cases.Where(c => !CheckCell.IsMet(c.Verdict)).ToList() is { Count: > 0 } notMet && notMet.All(c => c.Baseline?.Status == Results.BaselineStatus.Expected);
        var hover = cell.Summary() + (expected ? "\n(as the run's baseline expects)" : "") + "\nClick for every case.";
        sb.Append($"<td class=\"cell v-{cell.Verdict.Name()}{(expected ? " expected" : "")}\" data-col=\"{col}\" tabindex=\"0\" title=\"{E(hover)}\"><b>{E(cell.Text)}</b>");
        if (cell.Shortfall is { } shortfall) sb.Append($"<small>{E(shortfall)}</small>");
        sb.Append("</td>");
    }

    private static void Footer(StringBuilder sb, ComparisonMatrix m)
    {
        sb.Append("<footer><details><summary>runs</summary><ol>");
        foreach (var c in m.Columns)
            sb.Append($"<li>{E(c.Name)} ({E(c.Run.Results.Target.Kind)}), run {E(c.Run.Results.Run.Id)}: <a href=\"{E(c.ResultsHref)}\">{E(c.ResultsHref)}</a></li>");
        sb.Append("</ol></details></footer>\n");
    }

    /// <summary>What the detail panel needs, compact: every string once in a table, every distinct list of
    /// cases once (runs of one server repeat most of them), cells as indexes into it.</summary>
    private static string Data(ComparisonMatrix m)
    {
        var strings = new List<string>();
        var stringIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int S(string? s)
        {
            if (s is null) return -1;
            if (!stringIndex.TryGetValue(s, out var i)) { i = strings.Count; strings.Add(s); stringIndex[s] = i; }
            return i;
        }
        var lists = new List<string>();
        var listIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var cells = new JsonObject();
        var checks = new JsonObject();
        foreach (var row in m.Rows)
        {
            checks[row.Id] = new JsonArray(S(row.Title), S(row.Level), S(IsWebLink(row.SpecUrl) ? row.SpecUrl : null));
            cells[row.Id] = new JsonArray(row.Cells.Select(cell =>
            {
                if (cell is null) return (JsonNode)(-1);
                var list = new JsonArray(cell.Cases.OrderByDescending(c => CheckCell.Seriousness(c.Verdict)).Select(c => (JsonNode)new JsonArray(
                    S(c.Case), S(c.Subject), S(c.Verdict.Name()), S(c.Reason), S(c.Finding), S(c.Detection), S(Baseline(c)))).ToArray()).ToJsonString();
                if (!listIndex.TryGetValue(list, out var i)) { i = lists.Count; lists.Add(list); listIndex[list] = i; }
                return i;
            }).ToArray());
        }
        var runs = new JsonArray(m.Columns.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name, ["server"] = c.Server, ["date"] = c.Date, ["report"] = c.ReportHref, ["results"] = c.ResultsHref,
        }).ToArray());
        var json = new StringBuilder();
        json.Append("{\"strings\":").Append(JsonSerializer.Serialize(strings, DataJson));
        json.Append(",\"runs\":").Append(runs.ToJsonString(DataJson));
        json.Append(",\"checks\":").Append(checks.ToJsonString(DataJson));
        json.Append(",\"cells\":").Append(cells.ToJsonString(DataJson));
        json.Append(",\"lists\":[").AppendJoin(',', lists).Append("]}");
        return json.ToString();
    }

    private static string? Baseline(CheckResult r) => r.Baseline switch
    {
        null => null,
        { Status: Results.BaselineStatus.AsBefore } => null,
        { Status: Results.BaselineStatus.Expected } => "as the baseline expects",
        { } b => $"baseline: {b.Status}{(b.Expected is null ? "" : $" (it expects {b.Expected})")}",
    };

    private static bool IsWebLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Asset(string name)
    {
        using var stream = typeof(MatrixPage).Assembly.GetManifestResourceStream($"Conformance.Harness.Reports.Assets.{name}")
                           ?? throw new InvalidOperationException($"The page asset {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
