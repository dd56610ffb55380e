using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Harness.Results;
using Conformance.Harness.Secrets;
using Conformance.Harness.Targets;

namespace Conformance.Runner;

/// <summary>
/// Runs each suite that holds selected checks as its own process, side by side (they work on their own
/// users), and collects their parts of the results, however far each got. When one suite declares the
/// target unresponsive, the others get a short grace to finish and are then stopped. A check without a
/// result (its suite crashed, timed out, was stopped or never started) gets the reason.
/// </summary>
public sealed class SuiteRuns(RepositoryLayout layout, RunSetup setup, Redactor redactor)
{
    /// <summary>How long the other suites may go on once one has declared the target unresponsive.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private volatile string? _declared;

    /// <param name="Unresponsive">Why the target was declared unresponsive, when it was.</param>
    public sealed record Outcome(IReadOnlyList<SuitePart> Parts, IReadOnlyDictionary<string, string> Missing, string? Unresponsive)
    {
        /// <summary>No suite ran: every selected check gets <paramref name="why"/>.</summary>
        public static Outcome NotRun(IEnumerable<CheckDefinition> selected, string why) =>
            new([], selected.ToDictionary(c => c.Id, _ => why, StringComparer.Ordinal), why);
    }

    public async Task<Outcome> RunAsync(CheckCatalogue checks, IReadOnlyList<CheckDefinition> selected, ITarget target, RunCredentials credentials, TargetIdentity identity, CancellationToken ct)
    {
        var suites = selected.GroupBy(c => checks.Areas[c.Area].Suite).ToList();
        using var stop = new CancellationTokenSource();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = new UnresponsiveWatch(suites.Select(s => PartFile(s.Key)).ToList()).WaitAsync(watching.Token)
            .ContinueWith(t =>
            {
                if (t.Result is not { } reason) return;
                _declared = reason;
                stop.CancelAfter(Grace);
            }, TaskScheduler.Default);
        var outcomes = await Task.WhenAll(suites.Select(suite => RunSuiteAsync(suite.Key, suite.ToList(), Config(suite.Key), stop.Token, ct)));
        await watching.CancelAsync();
        await watch;
        var parts = outcomes.Select(o => o.Part).OfType<SuitePart>().ToList();
        return new Outcome(
            parts,
            outcomes.SelectMany(o => o.Missing).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            parts.Select(p => p.Unresponsive).FirstOrDefault(u => u is not null) ?? _declared);

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
            PartFile = PartFile(suite),
            OutDir = setup.OutDir,
            ParentProcessId = Environment.ProcessId,
        };
    }

    private string PartFile(string suite) => Path.Combine(setup.OutDir, "parts", suite + ".jsonl");

    private async Task<(SuitePart? Part, Dictionary<string, string> Missing)> RunSuiteAsync(string suite, List<CheckDefinition> suiteChecks, RunConfig config, CancellationToken stop, CancellationToken ct)
    {
        var partFile = config.PartFile;
        Directory.CreateDirectory(Path.GetDirectoryName(partFile)!);
        File.Delete(partFile);
        var logFile = Path.Combine(setup.OutDir, "logs", suite + ".log");
        var filter = setup.Only is null ? [] : suiteChecks.Select(c => c.Id).ToList();
        var outcome = await new SuiteProcess(layout, suite, logFile).RunAsync(config, filter, setup.SuiteTimeout, stop, ct);
        if (File.Exists(logFile)) await File.WriteAllTextAsync(logFile, redactor.Scrub(await File.ReadAllTextAsync(logFile, ct)), ct);
        var part = File.Exists(partFile) ? SuitePart.Load(partFile, suite) : null;
        if (part is { Finished: true }) return (part, []);

        var log = Path.GetRelativePath(setup.OutDir, logFile);
        var why = outcome.StartError
            ?? (outcome.Stopped ? $"{_declared} (the {suite} process was stopped {Grace.TotalSeconds:0} s after that)"
            : outcome.TimedOut ? $"the {suite} process did not finish within {setup.SuiteTimeout.TotalMinutes:0.#} min and was stopped (log: {log})"
            : $"the {suite} process exited with code {outcome.ExitCode} before it finished (log: {log})");
        if (part?.Unresponsive is { } silent && !outcome.Stopped) why = $"{silent}; {why}";
        var judged = part?.Results.Select(r => r.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        return (part, suiteChecks.Where(c => !judged.Contains(c.Id)).ToDictionary(c => c.Id, _ => why));
    }
}
