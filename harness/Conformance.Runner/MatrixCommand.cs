using System.Diagnostics;
using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Harness.Reports;
using Conformance.Harness.Results;

namespace Conformance.Runner;

/// <summary>What <c>./run.sh matrix</c> needs: the results to compare (files or folders), where the page
/// goes, and its title.</summary>
public sealed record MatrixOptions(IReadOnlyList<string> Inputs, string? OutFile = null, string? Title = null);

/// <summary>Builds one HTML page comparing many runs (<see cref="MatrixPage"/>) from their results.json
/// files, made on any machine by any suite version.</summary>
public sealed class MatrixCommand(RepositoryLayout layout, TextWriter output)
{
    public int Execute(MatrixOptions options)
    {
        if (options.Inputs.Count == 0) throw new UsageException("matrix needs at least one results.json file or folder, e.g. ./run.sh matrix reports/");
        var clock = Stopwatch.StartNew();
        var runs = ResultsFiles.Load(options.Inputs);
        var outFile = Path.GetFullPath(options.OutFile ?? Path.Combine(layout.ReportsFolder, "matrix.html"));
        Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);

        var catalogue = CheckCatalogue.Load(layout.CheckCatalogueFile);
        var matrix = ComparisonMatrix.Build(runs, catalogue.Areas.ToDictionary(a => a.Key, a => a.Value.Title), Path.GetDirectoryName(outFile)!);
        var suite = $"matrix-account-conformance {typeof(MatrixCommand).Assembly.GetName().Version?.ToString(3)}";
        var names = matrix.Columns.Select(c => c.Name).Distinct().ToList();
        var title = options.Title ?? $"Matrix account conformance: {(names.Count <= 4 ? string.Join(", ", names) : $"{matrix.Columns.Count} runs of {names.Count} targets")}";
        var html = MatrixPage.Render(matrix, title, DateTimeOffset.UtcNow, suite);
        File.WriteAllText(outFile, html);

        foreach (var c in matrix.Columns)
            output.WriteLine($"  {c.Name,-16} {c.Server,-28} suite {c.SuiteVersion,-8} {c.Date}  {c.Must} · {c.Should}{(c.Skipped > 0 ? $" · {c.Skipped} skipped" : "")}");
        if (matrix.SuiteVersions.Count > 1) output.WriteLine($"note: the runs were made by different suite versions ({string.Join(", ", matrix.SuiteVersions)}); the page says so.");
        var differing = matrix.Rows.Count(r => r.Differs);
        output.WriteLine($"Matrix: {Path.GetRelativePath(Directory.GetCurrentDirectory(), outFile)} ({matrix.Columns.Count} runs × {matrix.Rows.Count()} checks, {differing} differ; "
                         + $"{html.Length / 1024.0:0} KB; made in {clock.Elapsed.TotalSeconds:0.0} s; one file, open it in a browser)");
        return ExitCodes.Conformant;
    }
}
