using System.Globalization;
using Conformance.Harness.Targets;

namespace Conformance.Targets.Containers;

/// <summary>Turns the log text Testcontainers reads (one stream at a time, each line prefixed by the
/// engine's RFC 3339 timestamp) into log lines in time order, with the stream each came on.</summary>
public static class ContainerLogs
{
    public static IReadOnlyList<ServerLogLine> Merge(string stdout, string stderr) =>
        Parse(stdout, "stdout").Concat(Parse(stderr, "stderr")).OrderBy(l => l.Time).ToList();

    public static IEnumerable<ServerLogLine> Parse(string text, string stream) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => Line(stream, line.TrimEnd('\r'))).Where(l => l.Text.Length > 0);

    private static ServerLogLine Line(string stream, string line)
    {
        var space = line.IndexOf(' ');
        if (space > 0 && DateTimeOffset.TryParse(SevenDigitFraction(line[..space]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return new ServerLogLine(time, stream, line[(space + 1)..]);
        return new ServerLogLine(DateTimeOffset.MinValue, stream, line);
    }

    /// <summary>The engine writes nanoseconds; .NET parses at most seven fraction digits.</summary>
    private static string SevenDigitFraction(string stamp)
    {
        var dot = stamp.IndexOf('.');
        if (dot < 0) return stamp;
        var end = dot + 1;
        while (end < stamp.Length && char.IsDigit(stamp[end])) end++;
        return end - dot - 1 <= 7 ? stamp : stamp[..(dot + 8)] + stamp[end..];
    }
}
