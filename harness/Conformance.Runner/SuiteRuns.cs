using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Harness.Results;
using Conformance.Harness.Secrets;
using Conformance.Harness.Targets;

namespace Conformance.Runner;

/// <summary>
/// Runs each suite that holds selected checks as its own process, side by side (they work on their own
/// users), and collects their parts of the results. A suite that ends without a part (it crashed, timed
/// out or never started) leaves a reason for each of its checks.
/// </summary>
public sealed class SuiteRuns(RepositoryLayout layout, RunSetup setup, Redactor redactor)
{
    public sealed record Outcome(IReadOnlyList<SuitePart> Parts, IReadOnlyDictionary<string, string> Missing);

    public async Task<Outcome> RunAsync(CheckCatalogue checks, IReadOnlyList<CheckDefinition> selected, ITarget target, RunCredentials credentials, TargetIdentity identity, CancellationToken ct)
    {
        var suites = selected.GroupBy(c => checks.Areas[c.Area].Suite).ToList();
        var outcomes = await Task.WhenAll(suites.Select(suite => RunSuiteAsync(suite.Key, suite.ToList(), Config(suite.Key), ct)));
        return new Outcome(
            outcomes.Select(o => o.Part).OfType<SuitePart>().ToList(),
            outcomes.SelectMany(o => o.Missing).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));

        // The profile as loaded, the credentials in effect and the probe's answer beside it, and the suite's own part file.
        RunConfig Config(string suite) => new()
        {
            RunId = setup.RunId,
            TargetName = setup.Profile.Name,
            TargetKind = target.Kind,
            TargetUrl = target.BaseUrl,
            Profile = setup.Profile,
            ProfilePath = setup.ProfilePath,
            Credentials = credentials,
            Aliases = target.Aliases,
            Identity = identity,
            PartFile = Path.Combine(setup.OutDir, "parts", suite + ".json"),
            OutDir = setup.OutDir,
            ParentProcessId = Environment.ProcessId,
        };
    }

    private async Task<(SuitePart? Part, Dictionary<string, string> Missing)> RunSuiteAsync(string suite, List<CheckDefinition> suiteChecks, RunConfig config, CancellationToken ct)
    {
        var partFile = config.PartFile;
        Directory.CreateDirectory(Path.GetDirectoryName(partFile)!);
        File.Delete(partFile);
        var logFile = Path.Combine(setup.OutDir, "logs", suite + ".log");
        var filter = setup.Only is null ? [] : suiteChecks.Select(c => c.Id).ToList();
        var outcome = await new SuiteProcess(layout, suite, logFile).RunAsync(config, filter, setup.SuiteTimeout, ct);
        if (File.Exists(logFile)) await File.WriteAllTextAsync(logFile, redactor.Scrub(await File.ReadAllTextAsync(logFile, ct)), ct);
        if (File.Exists(partFile)) return (SuitePart.Load(partFile), []);
        var log = Path.GetRelativePath(setup.OutDir, logFile);
        var why = outcome.StartError ?? (outcome.TimedOut
            ? $"the {suite} process did not finish within {setup.SuiteTimeout.TotalMinutes:0.#} min and was stopped (log: {log})"
            : $"the {suite} process exited with code {outcome.ExitCode} without results (log: {log})");
        return (null, suiteChecks.ToDictionary(c => c.Id, _ => why));
    }
}
