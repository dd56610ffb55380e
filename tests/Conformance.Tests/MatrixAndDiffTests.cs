using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Conformance.Harness.Browser;
using Conformance.Harness.Checks;
using Conformance.Harness.Results;
using Conformance.Runner;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>Three real runs of the reference server over a few checks: clean, with the defect that breaks
/// MD-009, and with that defect and the one that makes locked requests answer 403.</summary>
public sealed class ComparedRuns : IAsyncLifetime
{
    public const string Only = "LK-001,LK-006,LK-010,MD-002,MD-009";
    public CliRun Clean { get; private set; } = null!;
    public CliRun OneDefect { get; private set; } = null!;
    public CliRun TwoDefects { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Clean = await CliRun.ExecuteAsync("--only", Only, "--no-html");
        OneDefect = await CliRun.ExecuteAsync("--only", Only, "--no-html", "--reference-defect", "metadata-no-s256");
        TwoDefects = await CliRun.ExecuteAsync("--only", Only, "--no-html", "--reference-defect", "lock-status-forbidden", "--reference-defect", "metadata-no-s256");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed partial class MatrixAndDiffTests(ComparedRuns runs) : IClassFixture<ComparedRuns>
{
    private static async Task<CliRun> Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ConformanceCli.MainAsync(args, output, error, TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString(), "");
    }

    private static string NewFolder() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N")[..10])).FullName;

    [GeneratedRegex(@"^  (?<id>[A-Z]+-\d+) .*\): (?<old>\w+) → (?<new>\w+)", RegexOptions.Multiline)]
    private static partial Regex ChangeLine();

    /// <summary>Every (check, case) whose verdict differs between two results files, read straight from them.</summary>
    private static List<string> Changed(CliRun a, CliRun b)
    {
        var before = a.Results.Results.ToDictionary(r => (r.Id, r.Case));
        return b.Results.Results.Where(r => before[(r.Id, r.Case)].Verdict != r.Verdict)
            .Select(r => $"{r.Id} {before[(r.Id, r.Case)].Verdict.Name()} → {r.Verdict.Name()}").Order().ToList();
    }

    [Fact]
    public async Task Diff_of_two_runs_that_differ_by_one_defect_names_exactly_the_changed_cases_and_exits_1()
    {
        var markdown = Path.Combine(NewFolder(), "diff.md");
        var diff = await Cli("diff", runs.Clean.OutDir, runs.OneDefect.OutDir, "--markdown", markdown);
        Assert.True(diff.ExitCode == 1, diff.ToString());
        Assert.Equal(["MD-009 pass → fail"], Changed(runs.Clean, runs.OneDefect));
        var listed = ChangeLine().Matches(diff.Output).Select(m => $"{m.Groups["id"].Value} {m.Groups["old"].Value} → {m.Groups["new"].Value}").ToList();
        Assert.Equal(["MD-009 pass → fail"], listed);
        Assert.Contains("\nNewly failing (1):\n  MD-009 GET /_matrix/client/v1/auth_metadata [s256] (MUST): pass → fail: ", diff.Output);
        Assert.EndsWith("Regressed: 1 newly failing.\n", diff.Output.ReplaceLineEndings("\n"));
        var md = File.ReadAllText(markdown);
        Assert.StartsWith("### Matrix account conformance: regressed (1 newly failing)", md);
        Assert.Contains("| [MD-009](https://spec.matrix.org/", md);
    }

    [Fact]
    public async Task Diff_lists_every_case_two_defects_break_and_their_repair_is_no_regression()
    {
        var worse = await Cli("diff", Path.Combine(runs.OneDefect.OutDir, "results.json"), runs.TwoDefects.OutDir);
        Assert.Equal(1, worse.ExitCode);
        var listed = ChangeLine().Matches(worse.Output).Select(m => $"{m.Groups["id"].Value} {m.Groups["old"].Value} → {m.Groups["new"].Value}").Order().ToList();
        Assert.Equal(Changed(runs.OneDefect, runs.TwoDefects), listed);
        Assert.Contains(listed, l => l.StartsWith("LK-001 pass → fail", StringComparison.Ordinal));

        var better = await Cli("diff", runs.TwoDefects.OutDir, runs.Clean.OutDir);
        Assert.True(better.ExitCode == 0, better.ToString());
        Assert.Contains("\nNewly passing (", better.Output);
        Assert.DoesNotContain("Newly failing", better.Output);

        var same = await Cli("diff", runs.Clean.OutDir, runs.Clean.OutDir);
        Assert.Equal(0, same.ExitCode);
        Assert.EndsWith("No regression: no change.\n", same.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Matrix_over_real_runs_is_one_page_with_a_column_per_run()
    {
        var folder = NewFolder();
        var page = Path.Combine(folder, "matrix.html");
        var matrix = await Cli("matrix", runs.Clean.OutDir, runs.OneDefect.ResultsFile, runs.TwoDefects.OutDir, "--out", page, "--title", "three runs");
        Assert.True(matrix.ExitCode == 0, matrix.ToString());
        Assert.Contains("(3 runs × 5 checks, ", matrix.Output);
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(page));
        Assert.Equal("three runs", doc.Title);
        Assert.Equal(3, doc.QuerySelectorAll("th.run").Length);
        Assert.Equal(["defects: lock-status-forbidden, metadata-no-s256", $"only: {ComparedRuns.Only}"], doc.QuerySelectorAll("th.run")[2].QuerySelectorAll(".note").Select(n => n.TextContent));
        var lk001 = doc.QuerySelectorAll("tr[data-id=LK-001] td.cell").Select(c => c.QuerySelector("b")!.TextContent).ToList();
        var sweep = runs.Clean.Results.Results.Count(r => r.Id == "LK-001");
        Assert.Equal([$"{sweep}/{sweep}", $"{sweep}/{sweep}", $"0/{sweep}"], lk001);
        Assert.Equal(["pass", "fail", "fail"], doc.QuerySelectorAll("tr[data-id=MD-009] td.cell b").Select(c => c.TextContent));
        Assert.Equal(Path.GetRelativePath(folder, runs.Clean.ResultsFile), doc.QuerySelectorAll("th.run .links a")[0].GetAttribute("href"));
    }

    [Fact]
    public async Task Bad_input_gets_one_message_and_a_distinct_exit_code()
    {
        var folder = NewFolder();
        var notJson = Path.Combine(folder, "results.json");
        File.WriteAllText(notJson, "<html>");
        foreach (var (args, code, message) in new (string[], int, string)[]
        {
            (["matrix"], ExitCodes.Usage, "matrix needs at least one results.json file or folder"),
            (["matrix", folder, "--colour", "red"], ExitCodes.Usage, "Unknown option --colour for 'matrix'"),
            (["diff", folder], ExitCodes.Usage, "diff needs two runs, OLD and NEW"),
            (["diff", Path.Combine(folder, "nope"), folder], ExitCodes.BadResults, "nope: no such file or folder."),
            (["matrix", notJson], ExitCodes.BadResults, "is not a results.json this suite can read"),
            (["checks", "extra"], ExitCodes.Usage, "Unexpected argument 'extra'"),
        })
        {
            var run = await Cli(args);
            Assert.True(run.ExitCode == code, $"{string.Join(' ', args)}: {run}");
            Assert.Single(run.Error.Trim().Split('\n'));
            Assert.StartsWith("error: ", run.Error);
            Assert.Contains(message, run.Error);
        }
    }

    /// <summary>The page opens from disk in Chromium, asks no other host for anything, and its filters, the
    /// "only differences" toggle and the case panel work.</summary>
    [Fact]
    public async Task Matrix_page_opens_from_disk_makes_no_request_and_its_controls_work()
    {
        Assert.SkipUnless(BrowserAvailability.Present || BrowserAvailability.Required, "No Chromium to open the page in.");
        var page = Path.Combine(NewFolder(), "matrix.html");
        var built = await Cli("matrix", runs.Clean.OutDir, runs.OneDefect.OutDir, runs.TwoDefects.OutDir, "--out", page);
        Assert.True(built.ExitCode == 0, built.ToString());

        var (host, unavailable) = await BrowserHost.TryStartAsync(null);
        Assert.True(host is not null, unavailable);
        await using (host)
        {
            await using var context = await host!.NewContextAsync();
            var tab = await context.NewPageAsync();
            var requests = new List<string>();
            tab.Request += (_, r) => { lock (requests) requests.Add(r.Url); };
            var errors = new List<string>();
            tab.PageError += (_, e) => { lock (errors) errors.Add(e); };
            tab.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
            await tab.GotoAsync(new Uri(page).AbsoluteUri);
            await tab.WaitForSelectorAsync("#shown:has-text('5 of 5 checks shown')");

            async Task<int> Visible() => await tab.Locator("tr.check:visible").CountAsync();
            Assert.Equal(5, await Visible());
            await tab.CheckAsync("input[name=differences]");
            var differing = Changed(runs.Clean, runs.TwoDefects).Concat(Changed(runs.Clean, runs.OneDefect)).Select(c => c.Split(' ')[0]).Distinct().Count();
            Assert.Equal(differing, await Visible());
            await tab.UncheckAsync("input[name=differences]");
            await tab.SelectOptionAsync("select[name=area]", "oauth-metadata");
            Assert.Equal(["MD-002", "MD-009"], await tab.Locator("tr.check:visible").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
            Assert.False(await tab.Locator("tr.area[data-area=locking]").IsVisibleAsync());
            await tab.SelectOptionAsync("select[name=area]", "");
            await tab.SelectOptionAsync("select[name=verdict]", "fail");
            Assert.Equal(Changed(runs.Clean, runs.TwoDefects).Where(c => c.EndsWith("→ fail", StringComparison.Ordinal)).Select(c => c.Split(' ')[0]).Distinct().Count(), await Visible());
            await tab.SelectOptionAsync("select[name=verdict]", "");
            await tab.UncheckAsync("input[name=level][value=MUST]");
            Assert.Equal(runs.Clean.Results.Results.Where(r => r.Level != CheckLevels.Must).Select(r => r.Id).Distinct().Count(), await Visible());
            await tab.CheckAsync("input[name=level][value=MUST]");
            await tab.FillAsync("input[name=search]", "md-009");
            Assert.Equal(1, await Visible());
            await tab.FillAsync("input[name=search]", "");

            await tab.ClickAsync("tr[data-id=MD-009] td[data-col='1']");
            var panel = tab.Locator("aside#detail");
            Assert.True(await panel.IsVisibleAsync());
            var text = await panel.InnerTextAsync();
            var reason = runs.OneDefect.Results.Results.Single(r => r.Id == "MD-009").Reason;
            Assert.Contains("MD-009", text);
            Assert.Contains(reason, text);
            Assert.EndsWith("#MD-009@1", tab.Url);
            TestContext.Current.AddAttachment("matrix-page.png", await tab.ScreenshotAsync(new() { FullPage = false }), "image/png");
            await tab.Keyboard.PressAsync("Escape");
            Assert.False(await panel.IsVisibleAsync());

            lock (requests)
            {
                var foreign = requests.Where(u => !u.StartsWith("file:", StringComparison.Ordinal)).ToList();
                Assert.True(foreign.Count == 0, "requests to other hosts: " + string.Join(", ", foreign));
                Assert.Single(requests);
            }
            lock (errors) Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
    }
}
