using Conformance.Harness.Layout;
using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;
using Conformance.Runner;

return await ConformanceCli.MainAsync(args, Console.Out, Console.Error);

namespace Conformance.Runner
{
    /// <summary>The entry point, callable in-process by the project's tests. Every failure ends in one
    /// message on stderr and a documented exit code.</summary>
    public static class ConformanceCli
    {
        private static readonly IReadOnlyDictionary<string, (string[] Options, string[] Flags)> Commands = new Dictionary<string, (string[], string[])>
        {
            ["run"] = (["profile", "target", "target-url", "complement-image", "shared-secret", "as-token", "out", "only", "reference-defect", "timeout"], ["no-strict", "keep", "update-baseline", "no-html", "trust-profile", "help"]),
            ["reference"] = (["port", "shared-secret", "defect", "appservice-token"], ["help"]),
            ["catalogue"] = (["spec"], ["help"]),
            ["checks"] = ([], ["help"]),
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
                    _ => await new RunCommand(layout, line, output).ExecuteAsync(cts.Token),
                };
            }
            catch (UsageException e) { return Fail(ExitCodes.Usage, e.Message + " (--help lists the options)"); }
            catch (ProfileException e) { return Fail(ExitCodes.BadProfile, e.Message); }
            catch (TargetUnavailableException e) { return Fail(ExitCodes.TargetUnavailable, e.Message); }
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
