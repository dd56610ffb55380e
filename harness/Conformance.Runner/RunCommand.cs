using System.Security.Cryptography;
using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Harness.Matrix;
using Conformance.Harness.Profiles;
using Conformance.Harness.Reports;
using Conformance.Harness.Results;
using Conformance.Harness.Secrets;
using Conformance.Harness.Targets;

namespace Conformance.Runner;

/// <summary>
/// profile → target → checks → results → reports: load and validate the profile, start or reach the
/// target, run each suite that holds selected checks, merge their results into results.json, print the
/// summary, and exit with a code CI can act on.
/// </summary>
public sealed class RunCommand(RepositoryLayout layout, CommandLine args, TextWriter output)
{
    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var checks = CheckCatalogue.Load(layout.CheckCatalogueFile);
        var selected = Select(checks, args.Value("only"));
        var profilePath = ProfilePath();
        var profile = ProfileLoader.Load(profilePath, new ProfileOverrides
        {
            TargetUrl = args.Value("target-url"),
            SharedSecret = args.Value("shared-secret"),
            AppserviceToken = args.Value("as-token") ?? Environment.GetEnvironmentVariable("CONFORMANCE_AS_TOKEN"),
            Defects = args.Values("reference-defect"),
            Strict = args.Flag("no-strict") ? false : null,
        });
        var timeout = Durations.TryParse(args.Value("timeout") ?? "10m", out var t) ? t : throw new UsageException($"--timeout '{args.Value("timeout")}' is not a duration such as 90s or 10m.");
        var keep = args.Flag("keep");
        if (keep && profile.Target.Kind != "container") throw new UsageException("--keep only applies to container targets.");
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var outDir = Path.GetFullPath(args.Value("out") ?? Path.Combine(layout.ReportsFolder, $"{started:yyyyMMdd-HHmmss}-{profile.Name}"));
        Directory.CreateDirectory(outDir);

        await using var target = await RunningTarget.StartAsync(profile, layout.Root, runId, keep, output, ct);
        var targetUrl = target.BaseUrl;
        output.WriteLine($"Testing {profile.Name} at {targetUrl} ({selected.Count} checks) …");

        var secrets = new SecretRegistry();
        secrets.Add(profile.Users.SharedSecret);
        secrets.Add(profile.Appservice?.Token);
        var redactor = new Redactor(secrets);
        TargetIdentity identity;
        using (var client = new MatrixClient(targetUrl, redactor, Durations.Parse(profile.Timeouts.Request)))
        {
            identity = await TargetProbe.ProbeAsync(client, Durations.Parse(profile.Timeouts.Ready), ct);
            await Preflight.CheckAsync(profile, client, secrets, runId, ct);
        }

        // The suites are independent processes on their own users: run them side by side.
        var suites = selected.Select(c => checks.Areas[c.Area].Suite).Distinct().ToList();
        var outcomes = await Task.WhenAll(suites.Select(suite => RunSuiteAsync(suite, selected.Where(c => checks.Areas[c.Area].Suite == suite).ToList())));
        var parts = outcomes.Select(o => o.Part).OfType<SuitePart>().ToList();
        var missing = outcomes.SelectMany(o => o.Missing).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

        async Task<(SuitePart? Part, Dictionary<string, string> Missing)> RunSuiteAsync(string suite, List<CheckDefinition> suiteChecks)
        {
            var partFile = Path.Combine(outDir, "parts", suite + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(partFile)!);
            File.Delete(partFile);
            var config = new RunConfig
            {
                RunId = runId,
                TargetName = profile.Name,
                TargetKind = profile.Target.Kind,
                TargetUrl = targetUrl,
                Profile = profile,
                ProfilePath = profilePath,
                PartFile = partFile,
                OutDir = outDir,
                ParentProcessId = Environment.ProcessId,
            };
            var logFile = Path.Combine(outDir, "logs", suite + ".log");
            var filter = args.Value("only") is null ? [] : suiteChecks.Select(c => c.Id).ToList();
            var outcome = await new SuiteProcess(layout, suite, logFile).RunAsync(config, filter, timeout, ct);
            if (File.Exists(logFile)) await File.WriteAllTextAsync(logFile, redactor.Scrub(await File.ReadAllTextAsync(logFile, ct)), ct);
            if (File.Exists(partFile)) return (SuitePart.Load(partFile), []);
            var why = outcome.StartError ?? (outcome.TimedOut
                ? $"the {suite} process did not finish within {timeout.TotalMinutes:0.#} min and was stopped (log: {Path.GetRelativePath(outDir, logFile)})"
                : $"the {suite} process exited with code {outcome.ExitCode} without results (log: {Path.GetRelativePath(outDir, logFile)})");
            return (null, suiteChecks.ToDictionary(c => c.Id, _ => why));
        }

        var results = RunAssembler.Merge(parts, selected, missing);
        if (target.Container is not null)
            results = ServerLogAttacher.Attach(results, await target.LogsAsync(started, ct), redactor);
        var (compared, baseline) = await BaselineAsync(profile, results, ct);
        results = compared;
        var run = new RunResults
        {
            Suite = new SuiteInfo("matrix-account-conformance", typeof(RunCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"),
            Run = new RunInfo
            {
                Id = runId,
                StartedAt = started,
                FinishedAt = DateTimeOffset.UtcNow,
                Profile = Path.GetRelativePath(layout.Root, profilePath),
                Strict = profile.Strict,
                Defects = profile.Target.Defects,
                Filter = args.Value("only"),
            },
            Target = new TargetInfo
            {
                Name = profile.Name,
                Kind = profile.Target.Kind,
                BaseUrl = targetUrl,
                SpecVersions = identity.SpecVersions,
                UnstableFeatures = identity.UnstableFeatures,
                ServerHeader = identity.ServerHeader,
                ServerVersion = identity.ServerVersion,
                Image = target.Container is { } ct1 ? $"{ct1.Image.Image} ({ct1.Image.How})" : null,
                Container = target.Container?.Container.Name,
                ReadyMs = target.Container is { } r ? Math.Round(r.Container.ReadyAfter.TotalMilliseconds) : null,
            },
            Spec = new SpecInfo("v1.19", "fixtures/catalogue/endpoints.json"),
            Features = parts.SelectMany(p => p.Features).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Value),
            Summary = ResultSummary.Of(results),
            Baseline = baseline,
            Results = results,
        };
        var resultsFile = Path.Combine(outDir, "results.json");
        await File.WriteAllTextAsync(resultsFile, redactor.Scrub(run.ToJson()), ct);
        UpdateLatest(outDir);

        // Every other report is made from results.json as written, secrets already scrubbed.
        var areaTitles = checks.Areas.ToDictionary(a => a.Key, a => a.Value.Title);
        var written = RunResults.Load(resultsFile);
        var badges = Path.GetDirectoryName(outDir) == layout.ReportsFolder ? Path.Combine(layout.ReportsFolder, "badges") : null;
        var reports = await ReportSet.WriteAsync(written, areaTitles, layout.Root, outDir, badges, html: !args.Flag("no-html"), ct);

        output.Write(ConsoleSummary.Render(run, areaTitles));
        output.WriteLine();
        string Here(string file) => Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
        output.WriteLine($"Results: {Here(resultsFile)} (also junit.xml, summary.md, badge.json, badge.svg, allure-results/ there)");
        output.WriteLine(reports.Html is { } html
            ? $"Report:  {Here(html)} (one file; open it in a browser; made in {reports.HtmlTook.TotalSeconds:0.0} s)"
            : $"Report:  no HTML report: {reports.HtmlProblem}.");
        if (target.Container is { } kept && keep)
            output.WriteLine($"Kept container {kept.Container.Name} at {kept.BaseUrl} (remove it with: docker rm -f {kept.Container.Name}).");
        var code = ExitCodeOf(run);
        output.WriteLine(code switch
        {
            ExitCodes.MustFailed when baseline is not null => $"Exit code 1: {baseline.Deviations} result(s) differ from the baseline {baseline.File}.",
            ExitCodes.MustFailed => $"Exit code 1: {run.Summary.MustFailures} MUST failure(s).",
            ExitCodes.HarnessError => $"Exit code 5: no MUST failed, but {run.Summary.Errors} check(s) could not be judged (errors).",
            _ when baseline is not null => $"Exit code 0: every result is as the baseline {baseline.File} expects.",
            _ => "Exit code 0: no MUST failed.",
        });
        return code;
    }

    /// <summary>Without a baseline: 1 for a MUST failure, 5 for errors. With one: 1 for any deviation from it
    /// (a new non-pass, a changed verdict, or an expected failure that now passes).</summary>
    private static int ExitCodeOf(RunResults run) =>
        run.Baseline is { } b ? b.Deviations > 0 ? ExitCodes.MustFailed : ExitCodes.Conformant
        : run.Summary.MustFailures > 0 ? ExitCodes.MustFailed
        : run.Summary.Errors > 0 ? ExitCodes.HarnessError
        : ExitCodes.Conformant;

    /// <summary>Compares with the profile's baseline, or with --update-baseline rewrites it from this run.</summary>
    private async Task<(IReadOnlyList<CheckResult>, BaselineSummary?)> BaselineAsync(TargetProfile profile, IReadOnlyList<CheckResult> results, CancellationToken ct)
    {
        if (profile.Baseline is null)
        {
            if (args.Flag("update-baseline")) throw new UsageException($"--update-baseline: profile '{profile.Name}' names no baseline file.");
            return (results, null);
        }
        var file = Path.Combine(layout.Root, profile.Baseline);
        var previous = Baseline.Load(file);
        if (args.Flag("update-baseline"))
        {
            if (args.Value("only") is not null) throw new UsageException("--update-baseline needs a full run (no --only).");
            var updated = Baseline.FromRun(profile.Name, results, previous);
            var header = string.Concat(File.ReadLines(file).TakeWhile(l => l.StartsWith('#')).Select(l => l + "\n"));
            await File.WriteAllTextAsync(file, updated.ToYaml(header), ct);
            output.WriteLine($"Baseline {profile.Baseline} rewritten: {updated.Entries.Count} entries ({updated.Entries.Count(e => e.Reason.StartsWith("TODO", StringComparison.Ordinal))} need a reason).");
            previous = updated;
        }
        // With --only, checks that did not run say nothing about their baseline entries.
        return previous.Compare(results, profile.Baseline);
    }

    private string ProfilePath()
    {
        var named = args.Value("target");
        if (named is not null && args.Value("profile") is not null) throw new UsageException("Give --target NAME or --profile FILE, not both.");
        if (named is null) return Path.GetFullPath(args.Value("profile") ?? layout.DefaultProfile);
        var file = Path.Combine(layout.ProfilesFolder, named + ".yaml");
        return File.Exists(file) ? file
            : throw new UsageException($"--target {named}: there is no fixtures/profiles/{named}.yaml (targets: {string.Join(", ", Directory.GetFiles(layout.ProfilesFolder, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order())}).");
    }

    private static List<CheckDefinition> Select(CheckCatalogue checks, string? only)
    {
        if (only is null) return checks.Checks;
        var selected = new List<CheckDefinition>();
        foreach (var token in only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (checks.Areas.ContainsKey(token)) selected.AddRange(checks.Checks.Where(c => c.Area == token));
            else if (checks.Contains(token)) selected.Add(checks[token]);
            else throw new UsageException($"--only: '{token}' is neither a check ID nor an area (areas: {string.Join(", ", checks.Areas.Keys)}).");
        }
        return selected.DistinctBy(c => c.Id).ToList();
    }

    private void UpdateLatest(string outDir)
    {
        if (Path.GetDirectoryName(outDir) != layout.ReportsFolder) return;
        var latest = Path.Combine(layout.ReportsFolder, "latest");
        try
        {
            if (Directory.Exists(latest) || File.Exists(latest)) File.Delete(latest);
            Directory.CreateSymbolicLink(latest, Path.GetFileName(outDir));
        }
        catch (IOException) { /* a convenience link only */ }
        catch (UnauthorizedAccessException) { }
    }
}
