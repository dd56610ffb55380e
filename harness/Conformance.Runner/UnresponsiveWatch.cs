using System.Text;
using System.Text.Json;
using Conformance.Harness.Results;

namespace Conformance.Runner;

/// <summary>
/// Follows the suites' part files as they grow, for the line in which a suite declares the target
/// unresponsive: the runner's way of learning, while the suites still run, that one of them saw the
/// target go silent. Reads only what was appended since the last look.
/// </summary>
public sealed class UnresponsiveWatch(IReadOnlyList<string> partFiles)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<string, (long Offset, string Partial)> _read = [];

    /// <summary>The reason the first suite gave, once one declares the target unresponsive; null when
    /// <paramref name="ct"/> ends the watch first.</summary>
    public async Task<string?> WaitAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            foreach (var file in partFiles)
                if (NewLines(file).Select(Reason).FirstOrDefault(r => r is not null) is { } reason) return reason;
            try { await Task.Delay(Interval, ct); }
            catch (OperationCanceledException) { break; }
        }
        return null;
    }

    private IEnumerable<string> NewLines(string file)
    {
        if (!File.Exists(file)) return [];
        var (offset, partial) = _read.GetValueOrDefault(file, (0L, ""));
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < offset) (offset, partial) = (0, ""); // rewritten from the start
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = partial + reader.ReadToEnd();
        var lines = text.Split('\n');
        _read[file] = (stream.Position, lines[^1]);
        return lines[..^1];
    }

    private static string? Reason(string line)
    {
        if (!line.Contains("\"unresponsive\"", StringComparison.Ordinal)) return null;
        try { return JsonSerializer.Deserialize<SuitePartLine>(line, SuitePartLine.Json)?.Unresponsive; }
        catch (JsonException) { return null; }
    }
}
