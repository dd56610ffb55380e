using System.Diagnostics;
using Conformance.Harness.Layout;
using Conformance.Harness.Targets;

namespace Conformance.Runner;

/// <summary>
/// Runs one suite's xunit.v3 executable with the run configuration in its environment, its output into
/// a log file, and a time limit. The suite process watches the runner and ends itself if the runner dies.
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

    public sealed record Outcome(int? ExitCode, bool TimedOut, string? StartError);

    public async Task<Outcome> RunAsync(RunConfig config, IReadOnlyList<string> checkIds, TimeSpan timeout, CancellationToken ct)
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
        info.Environment[RunConfig.EnvironmentVariable] = config.ToJson();
        info.Environment["CONFORMANCE_ROOT"] = layout.Root;

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        await using var log = new StreamWriter(logFile) { AutoFlush = true };
        using var process = new Process { StartInfo = info };
        var writeLock = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writeLock) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writeLock) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
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
            return new Outcome(null, true, null);
        }
    }
}
