namespace Conformance.Harness.Layout;

/// <summary>
/// A data file (a profile, the check catalogue, a baseline, sweep data...) that cannot be read as its
/// type: a YAML syntax error, an unknown key, a value of the wrong kind. The message starts with
/// <c>file:line:</c> so an editor or a terminal can jump to the place; a problem of the whole file
/// reads as a sentence about it ("x.yaml is empty.").
/// </summary>
public sealed class DataFileException(string file, int? line, int? column, string problem)
    : Exception(line is null ? $"{file} {problem}" : $"{file}:{line}: {problem}")
{
    public string File { get; } = file;
    /// <summary>1-based; null when the problem is the whole file.</summary>
    public int? Line { get; } = line;
    public int? Column { get; } = column;
    /// <summary>The message without the file and line.</summary>
    public string Problem { get; } = problem;
}
