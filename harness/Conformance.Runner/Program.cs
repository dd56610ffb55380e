using Conformance.Harness.Layout;
using Conformance.Harness.Profiles;
using Conformance.Harness.Results;
using Conformance.Harness.Targets;
using Conformance.Runner;

return await ConformanceCli.MainAsync(args, Console.Out, Console.Error);

namespace Conformance.Runner
{
    /// <summary>The entry point, callable in-process by the project's tests. Every failure ends in one
    /// message on stderr and a documented exit code.</summary>
    public static class ConformanceCli
    {
        private static readonly IReadOnlyDictionary<string, CommandSpec> Commands = new Dictionary<string, CommandSpec>
        {
            ["run"] = new(["profile", "target", "target-url", "shared-secret", "as-token", "out", "only", "reference-defect", "timeout", "baseline"], ["no-strict", "keep", "update-baseline", "no-html", "trust-profile", "help"]),
            ["reference"] = new(["port", "shared-secret", "defect", "appservice-token"], ["help"]),
            ["catalogue"] = new(["spec"], ["help"]),
            ["checks"] = new([], ["help"]),
            ["matrix"] = new(["out", "title"], ["help"], TakesArguments: true),
            ["diff"] = new(["markdown"], ["help"], TakesArguments: true),
        };

        public static async Task<int> MainAsync(string[] args, TextWriter output, TextWriter error, CancellationToken external = default)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(external);
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
            Console.CancelKeyPress += onCancel;
            using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; cts.Cancel(); });
            try
            {
                if (args.Contains("--help") || args.Contains("-h")) { output.WriteLine(Usage.Text); return ExitCodes.Conformant; }
                if (args.Contains("--version")) { output.WriteLine(typeof(ConformanceCli).Assembly.GetName().Version?.ToString(3)); return ExitCodes.Conformant; }
                var line = CommandLine.Parse(args, Commands);
                var layout = RepositoryLayout.Locate();
                return line.Command switch
                {
                    "reference" => await new ReferenceCommand(line, output).ExecuteAsync(cts.Token),
                    "catalogue" => new CatalogueCommand(layout, line, output).Execute(),
                    "checks" => new ChecksCommand(layout, output).Execute(),
                    "matrix" => new MatrixCommand(layout, output).Execute(new MatrixOptions(line.Arguments, line.Value("out"), line.Value("title"))),
                    "diff" => new DiffCommand(output).Execute(line.Arguments.Count == 2
                        ? new DiffOptions(line.Arguments[0], line.Arguments[1], line.Value("markdown"))
                        : throw new UsageException($"diff needs two runs, OLD and NEW (results.json files or run folders); got {line.Arguments.Count}.")),
                    _ => await new RunCommand(layout, line, output).ExecuteAsync(cts.Token),
                };
            }
            catch (UsageException e) { return Fail(ExitCodes.Usage, e.Message + " (--help lists the options)"); }
            catch (ProfileException e) { return Fail(ExitCodes.BadProfile, e.Message); }
            catch (TargetUnavailableException e) { return Fail(ExitCodes.TargetUnavailable, e.Message); }
            catch (ResultsFileException e) { return Fail(ExitCodes.BadResults, e.Message); }
            catch (OperationCanceledException) when (cts.IsCancellationRequested) { return Fail(ExitCodes.Interrupted, "Interrupted."); }
            catch (Exception e) { return Fail(ExitCodes.HarnessError, $"Harness error: {e.GetType().Name}: {e.Message}"); }
            finally { Console.CancelKeyPress -= onCancel; }

            int Fail(int code, string message)
            {
                error.WriteLine($"error: {message}");
                return code;
            }
        }
    }
}
