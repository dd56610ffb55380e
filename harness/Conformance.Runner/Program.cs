using System.CommandLine;
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
        public static async Task<int> MainAsync(string[] args, TextWriter output, TextWriter error, CancellationToken external = default)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(external);
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
            Console.CancelKeyPress += onCancel;
            using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; cts.Cancel(); });
            try
            {
                // No response files: an argument that starts with @ is a value, as it always was.
                var parsed = CommandTree.Build(output).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
                if (parsed.Errors.Count > 0) throw new UsageException(UsageProblem(parsed));
                return await parsed.InvokeAsync(new InvocationConfiguration
                {
                    Output = output,
                    Error = error,
                    // Failures become one message and a documented code below; Ctrl-C and SIGTERM are handled here.
                    EnableDefaultExceptionHandler = false,
                    ProcessTerminationTimeout = null,
                }, cts.Token);
            }
            catch (UsageException e) { return Fail(ExitCodes.Usage, e.Message + " (--help lists the options)"); }
            catch (ProfileException e) { return Fail(ExitCodes.BadProfile, e.Message); }
            catch (TargetUnavailableException e) { return Fail(ExitCodes.TargetUnavailable, e.Message); }
            catch (ResultsFileException e) { return Fail(ExitCodes.BadResults, e.Message); }
            catch (OperationCanceledException) when (cts.IsCancellationRequested) { return Fail(ExitCodes.Interrupted, "Interrupted."); }
            catch (Exception e) { return Fail(ExitCodes.HarnessError, $"Harness error: {e.GetType().Name}: {e.Message}"); }
            finally { Console.CancelKeyPress -= onCancel; }

            // The messages the hand-written parser gave, which scripts and the tests know.
            static string UsageProblem(ParseResult parsed)
            {
                var command = parsed.CommandResult.Command is RootCommand ? "run" : parsed.CommandResult.Command.Name;
                if (parsed.UnmatchedTokens.FirstOrDefault(t => t.StartsWith('-')) is { } option)
                    return $"Unknown option {option} for '{command}'. Run with --help for the options.";
                if (parsed.UnmatchedTokens.FirstOrDefault() is { } argument) return $"Unexpected argument '{argument}'.";
                return parsed.Errors[0].Message;
            }

            int Fail(int code, string message)
            {
                error.WriteLine($"error: {message}");
                return code;
            }
        }
    }
}
