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
        var profilePath = Path.GetFullPath(args.Value("profile") ?? layout.DefaultProfile);
        var profile = ProfileLoader.Load(profilePath, new ProfileOverrides
        {
            TargetUrl = args.Value("target-url"),
            SharedSecret = args.Value("shared-secret"),
            AppserviceToken = args.Value("as-token") ?? Environment.GetEnvironmentVariable("CONFORMANCE_AS_TOKEN"),
            Defects = args.Values("reference-defect"),
            Strict = args.Flag("no-strict") ? false : null,
        });
        var timeout = Durations.TryParse(args.Value("timeout") ?? "10m", out var t) ? t : throw new UsageException($"--timeout '{args.Value("timeout")}' is not a duration such as 90s or 10m.");
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var outDir = Path.GetFullPath(args.Value("out") ?? Path.Combine(layout.ReportsFolder, $"{started:yyyyMMdd-HHmmss}-{profile.Name}"));
        Directory.CreateDirectory(outDir);

        await using var embedded = profile.Target.Kind == "embedded" ? await StartEmbeddedAsync(profile) : null;
        var targetUrl = embedded?.BaseUrl ?? profile.Target.Url!;
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

        var parts = new List<SuitePart>();
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var suite in selected.Select(c => checks.Areas[c.Area].Suite).Distinct())
        {
            var suiteChecks = selected.Where(c => checks.Areas[c.Area].Suite == suite).ToList();
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
                ParentProcessId = Environment.ProcessId,
            };
            var logFile = Path.Combine(outDir, "logs", suite + ".log");
            var filter = args.Value("only") is null ? [] : suiteChecks.Select(c => c.Id).ToList();
            var outcome = await new SuiteProcess(layout, suite, logFile).RunAsync(config, filter, timeout, ct);
            if (File.Exists(partFile)) parts.Add(SuitePart.Load(partFile));
            else
            {
                var why = outcome.StartError ?? (outcome.TimedOut
                    ? $"the {suite} process did not finish within {timeout.TotalMinutes:0.#} min and was stopped (log: {Path.GetRelativePath(outDir, logFile)})"
                    : $"the {suite} process exited with code {outcome.ExitCode} without results (log: {Path.GetRelativePath(outDir, logFile)})");
                foreach (var c in suiteChecks) missing[c.Id] = why;
            }
            if (File.Exists(logFile)) await File.WriteAllTextAsync(logFile, redactor.Scrub(await File.ReadAllTextAsync(logFile, ct)), ct);
        }

        var results = RunAssembler.Merge(parts, selected, missing);
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
            },
            Spec = new SpecInfo("v1.19", "fixtures/catalogue/endpoints.json"),
            Features = parts.SelectMany(p => p.Features).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Value),
            Summary = ResultSummary.Of(results),
            Results = results,
        };
        var resultsFile = Path.Combine(outDir, "results.json");
        await File.WriteAllTextAsync(resultsFile, redactor.Scrub(run.ToJson()), ct);
        UpdateLatest(outDir);

        output.Write(ConsoleSummary.Render(run, checks.Areas.ToDictionary(a => a.Key, a => a.Value.Title)));
        output.WriteLine();
        output.WriteLine($"Results: {Path.GetRelativePath(Directory.GetCurrentDirectory(), resultsFile)}");
        var code = run.Summary.MustFailures > 0 ? ExitCodes.MustFailed : run.Summary.Errors > 0 ? ExitCodes.HarnessError : ExitCodes.Conformant;
        output.WriteLine(code switch
        {
            ExitCodes.MustFailed => $"Exit code 1: {run.Summary.MustFailures} MUST failure(s).",
            ExitCodes.HarnessError => $"Exit code 5: no MUST failed, but {run.Summary.Errors} check(s) could not be judged (errors).",
            _ => "Exit code 0: no MUST failed.",
        });
        return code;
    }

    private static async Task<EmbeddedReferenceTarget> StartEmbeddedAsync(TargetProfile profile)
    {
        // A fresh secret for every embedded run; the profile needs none.
        profile.Users.SharedSecret ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        try
        {
            return await EmbeddedReferenceTarget.StartAsync(profile.Users.SharedSecret, profile.Target.Defects, profile.Appservice?.Token);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
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
