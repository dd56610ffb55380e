using System.CommandLine;
using Conformance.Harness.Layout;

namespace Conformance.Runner;

/// <summary>
/// The runner's commands on System.CommandLine: <c>run</c> (also the root, so <c>./run.sh --target X</c>
/// runs), <c>reference</c>, <c>catalogue</c>, <c>checks</c>, <c>matrix</c> and <c>diff</c>, with help generated from the options'
/// descriptions. Each action returns the documented exit code; failures surface as exceptions the entry
/// point turns into one message and a code.
/// </summary>
public static class CommandTree
{
    public const string About = """
        Matrix account conformance suite: account locking, the admin lock API, OAuth 2.0 server metadata and account management.
        With no command it runs the checks (default: the embedded reference server).

        Exit codes: 0 conformant (diff: nothing regressed); 1 a MUST failed (with a baseline: a result differs from it;
        diff: a case newly fails or no longer passes); 2 usage; 3 bad profile; 4 target unavailable; 5 some checks
        ended in error; 6 a results file cannot be read; 130 interrupted.
        Documentation: README.md and docs/ (profiles, targets, checks, verdict rules, reports, comparing runs, CI).
        """;

    public static RootCommand Build(TextWriter output)
    {
        var root = new RootCommand(About);
        Run(root, output);
        var run = new Command("run", "Run the checks (the default command).");
        Run(run, output);
        root.Subcommands.Add(run);
        root.Subcommands.Add(Reference(output));
        root.Subcommands.Add(Catalogue(output));
        root.Subcommands.Add(Checks(output));
        root.Subcommands.Add(Matrix(output));
        root.Subcommands.Add(Diff(output));
        return root;
    }

    private static void Run(Command command, TextWriter output)
    {
        foreach (var option in RunArguments.Options()) command.Options.Add(option);
        command.SetAction((p, ct) => new RunCommand(RepositoryLayout.Locate(), RunArguments.From(p), output).ExecuteAsync(ct));
    }

    private static Command Reference(TextWriter output)
    {
        var port = RunArguments.Text("--port", "N", "Port on 127.0.0.1 (default 8008).");
        var secret = RunArguments.Text("--shared-secret", "SECRET", "Registration shared secret (or CONFORMANCE_SHARED_SECRET; required).");
        var defect = new Option<string[]>("--defect") { HelpName = "DEFECT", Description = "Switch on a defect (repeatable)." };
        var token = RunArguments.Text("--appservice-token", "TOKEN", "Application service token (default reference-appservice-token).");
        var command = new Command("reference", "Start the reference homeserver on a port and wait, to test it by URL.") { port, secret, defect, token };
        command.SetAction((p, ct) => new ReferenceCommand(p.GetValue(port), p.GetValue(secret), p.GetValue(defect) ?? [], p.GetValue(token), output).ExecuteAsync(ct));
        return command;
    }

    private static Command Catalogue(TextWriter output)
    {
        var spec = RunArguments.Text("--spec", "DIR", "First refresh the vendored spec data from an upstream matrix-spec checkout.");
        var command = new Command("catalogue", "Regenerate fixtures/catalogue/endpoints.json from the vendored spec.") { spec };
        command.SetAction(p => new CatalogueCommand(RepositoryLayout.Locate(), p.GetValue(spec), output).Execute());
        return command;
    }

    private static Command Matrix(TextWriter output)
    {
        var inputs = new Argument<string[]>("RESULTS") { Description = "results.json files or run folders (a folder of runs is searched).", Arity = ArgumentArity.ZeroOrMore };
        var outFile = RunArguments.Text("--out", "FILE", "Where the page goes (default reports/matrix.html); links to each run's results.json and HTML report are relative to it.");
        var title = RunArguments.Text("--title", "TEXT", "The page's title.");
        RefuseOptionLike(inputs, "matrix");
        var command = new Command("matrix", "One HTML page comparing runs.") { inputs, outFile, title };
        command.SetAction(p => new MatrixCommand(RepositoryLayout.Locate(), output).Execute(new MatrixOptions(p.GetValue(inputs) ?? [], p.GetValue(outFile), p.GetValue(title))));
        return command;
    }

    private static Command Diff(TextWriter output)
    {
        var runs = new Argument<string[]>("OLD NEW") { Description = "Two runs: results.json files or run folders.", Arity = ArgumentArity.ZeroOrMore };
        var markdown = RunArguments.Text("--markdown", "FILE", "Also write the diff as Markdown (for a pull-request comment).");
        RefuseOptionLike(runs, "diff");
        var command = new Command("diff", "What changed per check and case between two runs (exit 1 when a case newly fails or no longer passes).") { runs, markdown };
        command.SetAction(p =>
        {
            var given = p.GetValue(runs) ?? [];
            if (given.Length != 2) throw new UsageException($"diff needs two runs, OLD and NEW (results.json files or run folders); got {given.Length}.");
            return new DiffCommand(output).Execute(new DiffOptions(given[0], given[1], p.GetValue(markdown)));
        });
        return command;
    }

    /// <summary>A misspelt option would otherwise be taken for a results file and reported as unreadable (exit 6).</summary>
    private static void RefuseOptionLike(Argument<string[]> files, string command) => files.Validators.Add(r =>
    {
        if (r.Tokens.FirstOrDefault(t => t.Value.StartsWith("--", StringComparison.Ordinal)) is { } option)
            r.AddError($"Unknown option {option.Value} for '{command}'.");
    });

    private static Command Checks(TextWriter output)
    {
        var command = new Command("checks", "List the checks: ID, level, since, title.");
        command.SetAction(_ => new ChecksCommand(RepositoryLayout.Locate(), output).Execute());
        return command;
    }
}
