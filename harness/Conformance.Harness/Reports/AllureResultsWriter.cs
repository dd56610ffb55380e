using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reports;

/// <summary>
/// Writes a run as Allure results (the folder format both Allure 2 and 3 read): one result per check
/// case, labelled by area (epic), family (feature) and check (story), with the spec link, the target as
/// parameters, one step per HTTP exchange with the request and response attached (already redacted),
/// screenshots and server log lines, plus the run's environment, executor and categories.
/// Allure.Xunit cannot be restored here; this is its writer half.
/// </summary>
public static class AllureResultsWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>How verdicts show in Allure: SHOULD warnings and inconclusive results are "unknown",
    /// harness errors "broken", so "failed" means a broken MUST and nothing else.</summary>
    public static string Status(Verdict v) => v switch
    {
        Verdict.Pass or Verdict.Info => "passed",
        Verdict.Fail => "failed",
        Verdict.Skip => "skipped",
        Verdict.Error => "broken",
        _ => "unknown",
    };

    public static string Severity(string level) => level switch
    {
        CheckLevels.Must => "critical",
        CheckLevels.Should or CheckLevels.MscOnly => "normal",
        CheckLevels.May => "minor",
        _ => "trivial",
    };

    public static void Write(RunResults run, IReadOnlyDictionary<string, string> areaTitles, string outDir)
    {
        var dir = Path.Combine(outDir, "allure-results");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        foreach (var result in run.Results) WriteResult(run, result, areaTitles, outDir, dir);
        File.WriteAllText(Path.Combine(dir, "environment.properties"), Environment(run));
        File.WriteAllText(Path.Combine(dir, "executor.json"), new JsonObject
        {
            ["name"] = run.Suite.Name,
            ["type"] = "conformance",
            ["buildName"] = $"{run.Target.Name} {run.Run.Id}",
            ["reportName"] = $"Matrix account conformance: {run.Target.Name}",
        }.ToJsonString(Json));
        File.WriteAllText(Path.Combine(dir, "categories.json"), Categories().ToJsonString(Json));
    }

    public static JsonArray Categories() =>
    [
        new JsonObject { ["name"] = "MUST failures", ["matchedStatuses"] = new JsonArray("failed") },
        new JsonObject { ["name"] = "SHOULD not met (warnings)", ["matchedStatuses"] = new JsonArray("unknown"), ["messageRegex"] = "^warn: .*" },
        new JsonObject { ["name"] = "Inconclusive", ["matchedStatuses"] = new JsonArray("unknown"), ["messageRegex"] = "^inconclusive: .*" },
        new JsonObject { ["name"] = "Harness or network errors", ["matchedStatuses"] = new JsonArray("broken") },
        new JsonObject { ["name"] = "Not offered by the server (skipped)", ["matchedStatuses"] = new JsonArray("skipped") },
    ];

    private static void WriteResult(RunResults run, CheckResult r, IReadOnlyDictionary<string, string> areaTitles, string outDir, string dir)
    {
        var uuid = Guid.NewGuid().ToString();
        var key = $"{r.Id}|{r.Case}";
        var start = r.StartedAt.ToUnixTimeMilliseconds();
        var stop = start + (long)Math.Ceiling(r.DurationMs);
        var area = areaTitles.GetValueOrDefault(r.Area, r.Area);

        var attachments = new JsonArray();
        foreach (var a in r.Attachments)
        {
            var source = Path.Combine(outDir, a.Path);
            if (!File.Exists(source)) continue;
            var name = $"{Guid.NewGuid()}-attachment{Path.GetExtension(a.Path)}";
            File.Copy(source, Path.Combine(dir, name));
            attachments.Add(new JsonObject { ["name"] = a.Name, ["source"] = name, ["type"] = a.ContentType });
        }
        if (r.ServerLog is { Count: > 0 } log)
            attachments.Add(Attach(dir, "server log", string.Join('\n', log)));

        var steps = new JsonArray();
        foreach (var e in r.Exchanges)
            steps.Add(new JsonObject
            {
                ["name"] = $"{e.Method} {PathOf(e.Url)} → {(e.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? e.Error ?? "no response")}",
                ["status"] = "passed",
                ["stage"] = "finished",
                ["start"] = e.StartedAt.ToUnixTimeMilliseconds(),
                ["stop"] = e.StartedAt.ToUnixTimeMilliseconds() + (long)Math.Ceiling(e.DurationMs),
                ["attachments"] = new JsonArray(Attach(dir, "request and response", Request(e) + "\n\n" + Response(e))),
            });

        var labels = new JsonArray();
        void Label(string name, string? value) { if (!string.IsNullOrEmpty(value)) labels.Add(new JsonObject { ["name"] = name, ["value"] = value }); }
        Label("epic", area);
        Label("feature", r.Family);
        Label("story", $"{r.Id} {r.Title}");
        Label("severity", Severity(r.Level));
        Label("tag", r.Level);
        Label("tag", r.Verdict.Name());
        Label("parentSuite", area);
        Label("suite", $"{r.Id} {r.Title}");
        Label("subSuite", r.Case);
        Label("host", run.Target.Name);
        Label("framework", run.Suite.Name);
        Label("language", "csharp");

        var parameters = new JsonArray();
        void Parameter(string name, string? value) { if (value is not null) parameters.Add(new JsonObject { ["name"] = name, ["value"] = value }); }
        Parameter("case", r.Case);
        Parameter("target", $"{run.Target.Name} ({run.Target.Kind})");
        Parameter("server version", run.Target.ServerVersion ?? run.Target.ServerHeader);
        Parameter("spec version", run.Spec.Version);

        var result = new JsonObject
        {
            ["uuid"] = uuid,
            ["historyId"] = Hash(run.Target.Name + "|" + key),
            ["testCaseId"] = Hash(key),
            ["name"] = $"{r.Id} {r.Subject}",
            ["fullName"] = $"{r.Area}.{r.Id}.{r.Case}",
            ["status"] = Status(r.Verdict),
            ["statusDetails"] = new JsonObject { ["message"] = $"{r.Verdict.Name()}: {r.Reason}" },
            ["stage"] = "finished",
            ["start"] = start,
            ["stop"] = stop,
            ["description"] = Description(r),
            ["labels"] = labels,
            ["links"] = new JsonArray(new JsonObject { ["name"] = "spec", ["url"] = r.SpecUrl, ["type"] = "link" }),
            ["parameters"] = parameters,
            ["steps"] = steps,
            ["attachments"] = attachments,
        };
        File.WriteAllText(Path.Combine(dir, $"{uuid}-result.json"), result.ToJsonString(Json));
    }

    private static string Description(CheckResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"**{r.Id}: {r.Title}** ({r.Level}{(r.LevelDetail is null ? "" : $"; {r.LevelDetail}")}, since v{r.Since}) [spec]({r.SpecUrl})");
        sb.AppendLine();
        sb.AppendLine($"> {r.Requirement}");
        sb.AppendLine();
        sb.AppendLine($"**Verdict: {r.Verdict.Name()}.** {r.Reason}");
        if (r.Finding is not null) sb.AppendLine($"\n**Finding:** {r.Finding}");
        if (r.Detection is not null) sb.AppendLine($"\n**Detected by:** {r.Detection}");
        if (r.Observed is { Status: { } status } o) sb.AppendLine($"\n**Observed:** {status} {o.Errcode} soft_logout={o.SoftLogout ?? "absent"}");
        if (r.Baseline is { } b) sb.AppendLine($"\n**Baseline:** {b.Status}{(b.Expected is null ? "" : $" (expects {b.Expected})")}{(b.Reason is null ? "" : $": {b.Reason}")}");
        return sb.ToString();
    }

    private static JsonObject Attach(string dir, string name, string text)
    {
        var file = $"{Guid.NewGuid()}-attachment.txt";
        File.WriteAllText(Path.Combine(dir, file), text);
        return new JsonObject { ["name"] = name, ["source"] = file, ["type"] = "text/plain" };
    }

    private static string Request(HttpExchange e) =>
        $"{e.Method} {e.Url}\n{string.Concat(e.RequestHeaders.Select(h => $"{h.Key}: {h.Value}\n"))}\n{e.RequestBody}";

    private static string Response(HttpExchange e) => e.Status is null
        ? $"no response: {e.Error}"
        : $"{e.Status}\n{string.Concat(e.ResponseHeaders.Select(h => $"{h.Key}: {h.Value}\n"))}\n{e.ResponseBody}";

    private static string PathOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.AbsolutePath : url;

    private static string Hash(string s) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s)));

    private static string Environment(RunResults run)
    {
        var pairs = new (string, string?)[]
        {
            ("target", run.Target.Name), ("kind", run.Target.Kind), ("base.url", run.Target.BaseUrl),
            ("server.version", run.Target.ServerVersion), ("server.header", run.Target.ServerHeader),
            ("spec.versions", string.Join(" ", run.Target.SpecVersions)), ("spec.tested", run.Spec.Version),
            ("suite.version", run.Suite.Version), ("profile", run.Run.Profile), ("run.id", run.Run.Id),
            ("strict", run.Run.Strict ? "true" : "false"), ("image", run.Target.Image),
        };
        return string.Concat(pairs.Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2!.Replace("\n", " ")}\n"));
    }
}
