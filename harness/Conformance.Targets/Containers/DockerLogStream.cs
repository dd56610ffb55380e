using System.Globalization;
using System.Text;
using Conformance.Harness.Targets;

namespace Conformance.Targets.Containers;

/// <summary>Reads the engine's log stream into the lines a container wrote, with the engine's timestamp and
/// the stream each came on.</summary>
public static class DockerLogStream
{
    /// <summary>Parses the engine's multiplexed log stream: frames of an 8-byte header (stream type,
    /// three zero bytes, big-endian length) and a payload; with timestamps on, each line starts with an
    /// RFC 3339 time and a space.</summary>
    public static IReadOnlyList<ServerLogLine> Parse(byte[] raw)
    {
        var lines = new List<ServerLogLine>();
        var multiplexed = raw.Length >= 8 && raw[0] is 1 or 2 && raw[1] == 0 && raw[2] == 0 && raw[3] == 0;
        if (!multiplexed)
        {
            foreach (var line in Encoding.UTF8.GetString(raw).Split('\n', StringSplitOptions.RemoveEmptyEntries)) lines.Add(Line("stdout", line));
            return lines;
        }
        for (var i = 0; i + 8 <= raw.Length;)
        {
            var length = raw[i + 4] << 24 | raw[i + 5] << 16 | raw[i + 6] << 8 | raw[i + 7];
            var stream = raw[i] == 2 ? "stderr" : "stdout";
            var payload = Encoding.UTF8.GetString(raw, i + 8, Math.Min(length, raw.Length - i - 8));
            foreach (var line in payload.Split('\n', StringSplitOptions.RemoveEmptyEntries)) lines.Add(Line(stream, line));
            i += 8 + length;
        }
        return lines;
    }

    private static ServerLogLine Line(string stream, string line)
    {
        var space = line.IndexOf(' ');
        if (space > 0 && DateTimeOffset.TryParse(SevenDigitFraction(line[..space]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return new ServerLogLine(time, stream, line[(space + 1)..].TrimEnd('\r'));
        return new ServerLogLine(DateTimeOffset.MinValue, stream, line.TrimEnd('\r'));
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
