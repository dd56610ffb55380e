using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Harness.Profiles;
using Conformance.Harness.Reports;
using Conformance.Harness.Results;
using Conformance.Harness.Secrets;
using Conformance.Harness.Targets;
using Conformance.Targets;

namespace Conformance.Runner;

/// <summary>
/// A run, stage by stage: select the checks, load the profile, start or reach the target, probe it and
/// check the profile works on it, run the suites, assemble results.json, write the reports, and exit
/// with a code CI can act on.
/// </summary>
public sealed class RunCommand(RepositoryLayout layout, CommandLine args, TextWriter output)
{
    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        var catalogue = CheckCatalogue.Load(layout.CheckCatalogueFile);
        var selected = CheckSelection.Of(catalogue, args.Value("only"));
        var setup = RunSetup.From(layout, args);
        await using var target = await StartTargetAsync(setup, selected.Count, ct);
        var credentials = RunCredentials.Of(setup.Profile, target);
        var secrets = SecretsOf(setup, credentials);
        var redactor = new Redactor(secrets);
        var identity = await Preflight.CheckAsync(setup, target.BaseUrl, credentials, secrets, redactor, ct);
        var suites = await new SuiteRuns(layout, setup, redactor).RunAsync(catalogue, selected, target, credentials, identity, ct);
        var run = await AssembleAsync(setup, selected, target, identity, suites, redactor, ct);
        await WriteReportsAsync(setup, catalogue, run, redactor, ct);
        return Exit(setup, target, run);
    }

    private async Task<ITarget> StartTargetAsync(RunSetup setup, int checkCount, CancellationToken ct)
    {
        ITarget target;
        try
        {
            target = await TargetFactory.StartAsync(setup.Profile, new TargetStartOptions(layout.Root, setup.RunId, setup.Keep, output), ct);
        }
        catch (UnknownDefectException e)
        {
            throw new UsageException(e.Message);
        }
        output.WriteLine(target.Description);
        output.WriteLine($"Testing {setup.Profile.Name} at {target.BaseUrl} ({checkCount} checks) …");
        return target;
    }

    /// <summary>Every secret the run knows, so no report or log shows one.</summary>
    private static SecretRegistry SecretsOf(RunSetup setup, RunCredentials credentials)
    {
        var secrets = new SecretRegistry();
        secrets.Add(credentials.SharedSecret);
        secrets.Add(setup.Profile.Appservice?.Token);
        return secrets;
    }

    private async Task<RunResults> AssembleAsync(RunSetup setup, IReadOnlyList<CheckDefinition> selected, ITarget target, TargetIdentity identity, SuiteRuns.Outcome suites, Redactor redactor, CancellationToken ct)
    {
        var builder = new RunResultsBuilder
        {
            SuiteVersion = typeof(RunCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            RunId = setup.RunId,
            StartedAt = setup.Started,
            Profile = setup.Profile,
            ProfileFile = Path.GetRelativePath(layout.Root, setup.ProfilePath),
            BaselineFile = setup.Profile.Baseline is { } baselineFile ? ProfilePaths.Display(baselineFile, layout.Root) : null,
            Filter = setup.Only,
            Target = target,
            Identity = identity,
            Selected = selected,
            Parts = suites.Parts,
            Missing = suites.Missing,
            ServerLog = await target.LogsSinceAsync(setup.Started, ct),
            Redactor = redactor,
        };
        var baseline = await new BaselineStage(layout, setup, output).ResolveAsync(builder.Results, ct);
        return builder.Build(baseline);
    }

    /// <summary>results.json first, secrets scrubbed; every other report is made from it as written.</summary>
    private async Task WriteReportsAsync(RunSetup setup, CheckCatalogue catalogue, RunResults run, Redactor redactor, CancellationToken ct)
    {
        var resultsFile = Path.Combine(setup.OutDir, "results.json");
        await File.WriteAllTextAsync(resultsFile, redactor.Scrub(run.ToJson()), ct);
        UpdateLatest(setup.OutDir);

        var areaTitles = catalogue.Areas.ToDictionary(a => a.Key, a => a.Value.Title);
        var badges = Path.GetDirectoryName(setup.OutDir) == layout.ReportsFolder ? Path.Combine(layout.ReportsFolder, "badges") : null;
        var reports = await ReportSet.WriteAsync(RunResults.Load(resultsFile), areaTitles, layout.Root, setup.OutDir, badges, setup.Html, ct);

        output.Write(ConsoleSummary.Render(run, areaTitles));
        output.WriteLine();
        string Here(string file) => Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
        output.WriteLine($"Results: {Here(resultsFile)} (also junit.xml, summary.md, badge.json, badge.svg, allure-results/ there)");
        output.WriteLine(reports.Html is { } html
            ? $"Report:  {Here(html)} (one file; open it in a browser; made in {reports.HtmlTook.TotalSeconds:0.0} s)"
            : $"Report:  no HTML report: {reports.HtmlProblem}.");
    }

    private int Exit(RunSetup setup, ITarget target, RunResults run)
    {
        if (setup.Keep && target.Container is { } kept)
            output.WriteLine($"Kept container {kept.Name} at {target.BaseUrl} (remove it with: docker rm -f {kept.Name}).");
        var code = RunExit.CodeOf(run);
        output.WriteLine(RunExit.Explain(code, run));
        return code;
    }

    /// <summary>reports/latest points at the newest run in reports/.</summary>
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
