using Conformance.Harness.Reports;
using Conformance.Harness.Results;

namespace Conformance.Runner;

/// <summary>What <c>./run.sh diff</c> needs: the two runs (results.json files or run folders) and, if
/// wanted, a file for the Markdown version.</summary>
public sealed record DiffOptions(string Old, string New, string? MarkdownFile = null);

/// <summary>Prints what changed per (check, case) between two runs; exit code 1 when something regressed.</summary>
public sealed class DiffCommand(TextWriter output)
{
    public int Execute(DiffOptions options)
    {
        var diff = RunDiff.Compare(One(options.Old), One(options.New));
        output.Write(RunDiffText.Render(diff));
        if (options.MarkdownFile is { } md)
        {
            var full = Path.GetFullPath(md);
            if (Path.GetDirectoryName(full) is { } dir) Directory.CreateDirectory(dir);
            File.WriteAllText(full, RunDiffMarkdown.Render(diff));
        }
        return diff.Regressed ? ExitCodes.Regressed : ExitCodes.Conformant;
    }

    private static LoadedRun One(string path)
    {
        var files = ResultsFiles.Find([path]);
        return files.Count == 1 ? ResultsFiles.Load(files[0])
            : throw new ResultsFileException($"{path}: {files.Count} results.json files below this folder; name one run.");
    }
}
