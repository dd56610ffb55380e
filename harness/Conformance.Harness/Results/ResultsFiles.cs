using System.Text.Json;

namespace Conformance.Harness.Results;

/// <summary>A results.json as read back, with where it was found (reports beside it are linked from there).</summary>
public sealed record LoadedRun(string File, RunResults Results)
{
    public string Folder => Path.GetDirectoryName(File)!;
}

/// <summary>
/// Finds and reads results.json files named on a command line: a file is taken as it is; a folder is its
/// own results.json, or else every results.json below it (as CI artifacts are laid out after a download),
/// in path order. Symbolic links to folders (reports/latest) are not followed, so no run is read twice.
/// Runs may come from other machines and other suite versions: unknown fields are ignored, but a file
/// that is not a results.json of a schema this suite reads is an error naming the file.
/// </summary>
public static class ResultsFiles
{
    public const string FileName = "results.json";

    private static readonly EnumerationOptions Below = new()
    {
        RecurseSubdirectories = true,
        MaxRecursionDepth = 6,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
        MatchCasing = MatchCasing.CaseSensitive,
    };

    public static IReadOnlyList<string> Find(IEnumerable<string> paths)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path)) found.Add(Path.GetFullPath(path));
            else if (Directory.Exists(path))
            {
                var own = Path.Combine(path, FileName);
                List<string> files = File.Exists(own) ? [own] : Directory.EnumerateFiles(path, FileName, Below).Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0) throw new ResultsFileException($"{path}: no {FileName} in this folder or below it.");
                found.AddRange(files.Select(Path.GetFullPath));
            }
            else throw new ResultsFileException($"{path}: no such file or folder.");
        }
        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<LoadedRun> Load(IEnumerable<string> paths) => Find(paths).Select(Load).ToList();

    public static LoadedRun Load(string file)
    {
        RunResults results;
        try { results = RunResults.Load(file); }
        catch (JsonException e) { throw new ResultsFileException($"{file} is not a {FileName} this suite can read: {e.Message}"); }
        catch (InvalidDataException e) { throw new ResultsFileException(e.Message); }
        catch (IOException e) { throw new ResultsFileException($"{file} cannot be read: {e.Message}"); }
        catch (UnauthorizedAccessException e) { throw new ResultsFileException($"{file} cannot be read: {e.Message}"); }
        if (results.SchemaVersion != 1)
            throw new ResultsFileException($"{file} has schemaVersion {results.SchemaVersion}; this suite reads schemaVersion 1 (a newer suite wrote it?).");
        return new LoadedRun(Path.GetFullPath(file), results);
    }
}

/// <summary>A results file named on the command line is missing or cannot be read.</summary>
public sealed class ResultsFileException(string message) : Exception(message);
