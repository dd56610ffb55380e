using Conformance.Harness.Results;
using Conformance.Runner;

namespace Conformance.Tests.Support;

/// <summary>The runner, called in-process exactly as ./run.sh calls it, with its output captured and
/// a fresh output folder (unless the test gives --out itself).</summary>
public sealed record CliRun(int ExitCode, string Output, string Error, string OutDir)
{
    public string ResultsFile => Path.Combine(OutDir, "results.json");
    public RunResults Results => RunResults.Load(ResultsFile);

    public static async Task<CliRun> ExecuteAsync(params string[] args)
    {
        var outDir = Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N")[..10]);
        var output = new StringWriter();
        var error = new StringWriter();
        var given = Array.IndexOf(args, "--out");
        if (given >= 0 && given + 1 < args.Length) outDir = args[given + 1];
        var all = args.Length > 0 && args[0] is "reference" or "catalogue" or "checks" || given >= 0 ? args : [.. args, "--out", outDir];
        var code = await ConformanceCli.MainAsync(all, output, error, Xunit.TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString(), outDir);
    }

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
