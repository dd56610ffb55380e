using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Reports;

/// <summary>
/// Turns allure-results into one self-contained HTML file with the Allure Report CLI (npm package
/// "allure", installed in scripts/allure by scripts/allure/install.sh). The file opens from disk and makes
/// no request to any other host: Allure's analytics script is removed after generation.
/// </summary>
public static partial class AllureHtmlReport
{
    public sealed record Outcome(string? File, string? Problem, TimeSpan Took);

    [GeneratedRegex("""<script[^>]*src="https://www\.googletagmanager\.com/[^"]*"[^>]*></script>\s*(<script>\s*window\.dataLayer.*?</script>)?""", RegexOptions.Singleline)]
    private static partial Regex Analytics();

    public static string Cli(string root) => Path.Combine(root, "scripts", "allure", "node_modules", ".bin", "allure");

    public static async Task<Outcome> GenerateAsync(string root, string outDir, string reportName, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var cli = Cli(root);
        if (!File.Exists(cli))
            return new Outcome(null, "the Allure CLI is not installed (run scripts/allure/install.sh, which needs npm)", clock.Elapsed);
        var output = Path.Combine(outDir, "report");
        var config = Path.Combine(outDir, "allurerc.mjs");
        await File.WriteAllTextAsync(config, $$"""
            import { readFileSync } from "node:fs";
            export default {
              name: {{System.Text.Json.JsonSerializer.Serialize(reportName)}},
              output: {{System.Text.Json.JsonSerializer.Serialize(output)}},
              categories: JSON.parse(readFileSync({{System.Text.Json.JsonSerializer.Serialize(Path.Combine(outDir, "allure-results", "categories.json"))}}, "utf8")),
              plugins: { awesome: { options: { singleFile: true, reportLanguage: "en", groupBy: ["epic", "feature", "story"] } } },
            };
            """, ct);
        var info = new ProcessStartInfo(cli) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = outDir };
        foreach (var a in new[] { "generate", Path.Combine(outDir, "allure-results"), "--config", config }) info.ArgumentList.Add(a);
        info.Environment["ALLURE_NO_ANALYTICS"] = "true";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            return new Outcome(null, "the Allure CLI did not finish within 2 minutes", clock.Elapsed);
        }
        File.Delete(config);
        var index = Path.Combine(output, "index.html");
        if (process.ExitCode != 0 || !File.Exists(index))
            return new Outcome(null, $"the Allure CLI failed (exit code {process.ExitCode}): {(await stderr + await stdout).Trim().Split('\n').LastOrDefault()}", clock.Elapsed);

        var html = await File.ReadAllTextAsync(index, ct);
        await File.WriteAllTextAsync(index, Analytics().Replace(html, ""), ct);
        return new Outcome(index, null, clock.Elapsed);
    }
}
