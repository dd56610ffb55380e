using System.Diagnostics;
using Conformance.Harness.Layout;
using Conformance.Harness.Targets;

namespace Conformance.Runner;

/// <summary>
/// Runs one suite's xunit.v3 executable with the run configuration in a private file (deleted when the
/// suite ends, whatever happens), its output into a log file, and a time limit. The suite process watches the runner and ends itself if the runner dies.
/// </summary>
public sealed class SuiteProcess(RepositoryLayout layout, string suite, string logFile)
{
    public const string Configuration =
#if DEBUG
        "debug";
#else
        "release";
#endif

    public string Assembly => Path.Combine(layout.ArtifactsBin, suite, Configuration, suite + ".dll");

    /// <param name="Stopped">The runner stopped the suite (the target had been declared unresponsive).</param>
    public sealed record Outcome(int? ExitCode, bool TimedOut, string? StartError, bool Stopped = false);

    /// <param name="stop">Ends the suite early, without an exception (the run goes on to its reports).</param>
    /// <param name="ct">Interrupts the run: the suite is killed and the cancellation propagates.</param>
    public async Task<Outcome> RunAsync(RunConfig config, IReadOnlyList<string> checkIds, TimeSpan timeout, CancellationToken stop, CancellationToken ct)
    {
        if (!File.Exists(Assembly))
            return new Outcome(null, false, $"{Assembly} does not exist (build the solution first: ./run.sh builds it)");

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = layout.Root,
        };
        foreach (var a in new[] { "exec", Assembly, "-noLogo", "-noColor" }) info.ArgumentList.Add(a);
        foreach (var id in checkIds)
        {
            info.ArgumentList.Add("-trait");
            info.ArgumentList.Add($"id={id}");
        }
        var configFile = config.WritePrivateFile(Path.GetTempPath());
        try
        {
            info.Environment[RunConfig.FileVariable] = configFile;
            info.Environment["CONFORMANCE_ROOT"] = layout.Root;
            return await RunAsync(info, timeout, stop, ct);
        }
        finally
        {
            File.Delete(configFile);
        }
    }

    private async Task<Outcome> RunAsync(ProcessStartInfo info, TimeSpan timeout, CancellationToken stop, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        await using var log = new StreamWriter(logFile) { AutoFlush = true };
        using var process = new Process { StartInfo = info };
        var writeLock = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writeLock) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writeLock) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, stop);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            process.WaitForExit(); // flushes the redirected streams
            return new Outcome(process.ExitCode, false, null);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            return stop.IsCancellationRequested ? new Outcome(null, false, null, Stopped: true) : new Outcome(null, true, null);
        }
    }
}
