using System.Text.Json.Nodes;
using System.Xml.Linq;
using Conformance.Harness.Browser;
using Conformance.Harness.Checks;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>A run with a MUST failure, a SHOULD warning and skips, reported every way.</summary>
public sealed class MixedRun : IAsyncLifetime
{
    public CliRun Run { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Run = await CliRun.ExecuteAsync(
        "--reference-defect", "lock-bypass-displayname", "--reference-defect", "capability-misnamed", "--reference-defect", "oauth-disabled",
        "--only", "LK-001,LK-011,ADM-005,MD-002,MD-004");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed class ReportTests(MixedRun mixed, CleanReferenceRun clean) : IClassFixture<MixedRun>, IClassFixture<CleanReferenceRun>
{
    [Fact]
    public void The_output_folder_holds_every_report()
    {
        foreach (var file in new[] { "results.json", "junit.xml", "summary.md", "badge.json", "badge.svg", "report/index.html", "allure-results/environment.properties", "allure-results/categories.json" })
            Assert.True(File.Exists(Path.Combine(clean.Run.OutDir, file)), $"{file} is missing");
        Assert.Contains("Report:  ", clean.Run.Output);
        Assert.Contains("report/index.html", clean.Run.Output);
    }

    [Fact]
    public void Allure_results_hold_one_result_per_check_case_with_labels_links_and_steps()
    {
        var results = Directory.GetFiles(Path.Combine(mixed.Run.OutDir, "allure-results"), "*-result.json").Select(f => (JsonObject)JsonNode.Parse(File.ReadAllText(f))!).ToList();
        Assert.Equal(mixed.Run.Results.Results.Count, results.Count);
        var failed = results.Single(r => r["name"]!.GetValue<string>() == "LK-001 PUT /_matrix/client/v3/profile/{userId}/{keyName}");
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        string Label(JsonObject r, string name) => ((JsonArray)r["labels"]!).First(l => l!["name"]!.GetValue<string>() == name)!["value"]!.GetValue<string>();
        Assert.Equal("Account locking", Label(failed, "epic"));
        Assert.Equal("lock-sweep", Label(failed, "feature"));
        Assert.StartsWith("LK-001 ", Label(failed, "story"));
        Assert.Equal("critical", Label(failed, "severity"));
        Assert.Equal("https://spec.matrix.org/v1.19/client-server-api/#account-locking", failed["links"]![0]!["url"]!.GetValue<string>());
        var step = Assert.Single((JsonArray)failed["steps"]!)!;
        var attachment = step["attachments"]![0]!["source"]!.GetValue<string>();
        var exchange = File.ReadAllText(Path.Combine(mixed.Run.OutDir, "allure-results", attachment));
        Assert.Contains("PUT http://127.0.0.1:", exchange);
        Assert.Contains("Authorization: Bearer [redacted]", exchange);
        Assert.Equal("unknown", results.Single(r => Label(r, "story").StartsWith("ADM-005", StringComparison.Ordinal) && Label(r, "subSuite") == "admin")["status"]!.GetValue<string>());
        Assert.Contains(results, r => r["status"]!.GetValue<string>() == "skipped");
        Assert.Contains("target=reference", File.ReadAllText(Path.Combine(mixed.Run.OutDir, "allure-results", "environment.properties")));
    }

    [Fact]
    public void Junit_has_one_testcase_per_case_with_MUST_failures_failing_and_SHOULD_warnings_passing()
    {
        var doc = XDocument.Load(Path.Combine(mixed.Run.OutDir, "junit.xml"));
        var root = doc.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        var cases = root.Descendants("testcase").ToList();
        Assert.Equal(mixed.Run.Results.Results.Count, cases.Count);
        Assert.Equal(cases.Count, int.Parse(root.Attribute("tests")!.Value));
        Assert.Equal(cases.Count(c => c.Element("failure") is not null), int.Parse(root.Attribute("failures")!.Value));
        Assert.Equal(cases.Count(c => c.Element("skipped") is not null), int.Parse(root.Attribute("skipped")!.Value));
        foreach (var suite in root.Elements("testsuite"))
            Assert.Equal(suite.Elements("testcase").Count(), int.Parse(suite.Attribute("tests")!.Value));
        foreach (var c in cases)
        {
            Assert.False(string.IsNullOrEmpty(c.Attribute("classname")?.Value));
            Assert.True(new[] { "failure", "error", "skipped" }.Count(e => c.Element(e) is not null) <= 1);
        }
        var fail = cases.Single(c => c.Element("failure") is not null);
        Assert.Equal("MUST", fail.Element("failure")!.Attribute("type")!.Value);
        var warn = cases.Single(c => c.Descendants("property").Any(p => p.Attribute("name")!.Value == "verdict" && p.Attribute("value")!.Value == "warn"));
        Assert.Null(warn.Element("failure"));
        Assert.Contains("spec.matrix.org", warn.Element("system-out")!.Value);
    }

    [Fact]
    public void Markdown_summary_names_the_target_counts_and_every_MUST_failure_with_its_link()
    {
        var md = File.ReadAllText(Path.Combine(mixed.Run.OutDir, "summary.md"));
        Assert.StartsWith("## Matrix account conformance: reference: 1 MUST failure(s)", md);
        Assert.Contains("| target | reference (embedded) |", md);
        Assert.Contains("| area | pass | fail | warn | info | skip | inconclusive | error |", md);
        Assert.Contains("| level | pass |", md);
        Assert.Contains("- **LK-001** `PUT /_matrix/client/v3/profile/{userId}/{keyName}`: The lock was bypassed", md);
        Assert.Contains("([spec](https://spec.matrix.org/v1.19/client-server-api/#account-locking))", md);
    }

    [Fact]
    public void Badge_counts_MUST_and_SHOULD_and_shows_skips_apart()
    {
        var badge = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(mixed.Run.OutDir, "badge.json")))!;
        Assert.Equal(1, badge["schemaVersion"]!.GetValue<int>());
        Assert.Equal("matrix conformance: reference", badge["label"]!.GetValue<string>());
        var results = mixed.Run.Results.Results;
        var must = results.Count(r => r.Level == CheckLevels.Must && r.Verdict != Verdict.Skip);
        var should = results.Where(r => r.Level == CheckLevels.Should && r.Verdict != Verdict.Skip).ToList();
        Assert.Contains(should, r => r.Verdict == Verdict.Warn);
        var skipped = mixed.Run.Results.Results.Count(r => r.Verdict == Verdict.Skip && r.Level is CheckLevels.Must or CheckLevels.Should);
        Assert.True(skipped > 0);
        Assert.Equal($"MUST {must - 1}/{must} · SHOULD {should.Count(r => r.Verdict == Verdict.Pass)}/{should.Count} · {skipped} skipped", badge["message"]!.GetValue<string>());
        Assert.Equal("e05d44", badge["color"]!.GetValue<string>());
        var svg = XDocument.Load(Path.Combine(mixed.Run.OutDir, "badge.svg"));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains(badge["message"]!.GetValue<string>(), svg.Root.Value);
        var cleanResults = clean.Run.Results.Results;
        var (cleanMust, cleanShould) = (cleanResults.Count(r => r.Level == CheckLevels.Must), cleanResults.Count(r => r.Level == CheckLevels.Should));
        Assert.True(cleanMust > 0 && cleanShould > 0);
        Assert.Equal($"MUST {cleanMust}/{cleanMust} · SHOULD {cleanShould}/{cleanShould}", JsonNode.Parse(File.ReadAllText(Path.Combine(clean.Run.OutDir, "badge.json")))!["message"]!.GetValue<string>());
    }

    [Fact]
    public void Html_report_holds_every_check_case()
    {
        var text = ReportText.Read(Path.Combine(clean.Run.OutDir, "report", "index.html"));
        foreach (var id in clean.Run.Results.Results.Select(r => r.Id).Distinct()) Assert.Contains($"\"{id} ", text);
        Assert.Contains($"\"total\":{clean.Run.Results.Results.Count}", text);
    }

    /// <summary>The HTML opens from disk in Chromium, shows the run, and asks no other host for anything
    /// (no analytics, no fonts, no CDN): every request the page makes is recorded.</summary>
    [Fact]
    public async Task Html_report_opens_from_disk_and_makes_no_request_to_another_host()
    {
        Assert.SkipUnless(BrowserAvailability.Present || BrowserAvailability.Required, "No Chromium to open the report in.");
        var (host, unavailable) = await BrowserHost.TryStartAsync(null);
        Assert.True(host is not null, unavailable);
        await using (host)
        {
            await using var context = await host!.NewContextAsync();
            var page = await context.NewPageAsync();
            var requests = new List<string>();
            page.Request += (_, r) => { lock (requests) requests.Add(r.Url); };
            await page.GotoAsync(new Uri(Path.Combine(clean.Run.OutDir, "report", "index.html")).AbsoluteUri);
            await page.GetByText("Account locking").First.WaitForAsync();
            await page.WaitForTimeoutAsync(1500);
            var text = await page.InnerTextAsync("body");
            Assert.Contains($"{clean.Run.Results.Results.Count}", text);
            foreach (var area in new[] { "Account locking", "Admin lock API", "OAuth 2.0 server metadata", "OAuth 2.0 account management" }) Assert.Contains(area, text);
            lock (requests)
            {
                Assert.NotEmpty(requests);
                var foreign = requests.Where(u => !u.StartsWith("file:", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal) && !u.StartsWith("blob:", StringComparison.Ordinal)).ToList();
                Assert.True(foreign.Count == 0, "requests to other hosts: " + string.Join(", ", foreign));
            }
        }
    }
}
