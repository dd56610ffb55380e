using System.Globalization;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Profiles;

/// <summary>Durations as profiles write them: <c>500ms</c>, <c>10s</c>, <c>2m</c>.</summary>
public static partial class Durations
{
    [GeneratedRegex(@"^\s*(?<n>\d+(\.\d+)?)\s*(?<unit>ms|s|m)\s*$")]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var m = Pattern().Match(text ?? "");
        if (!m.Success) return false;
        var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        value = m.Groups["unit"].Value switch { "ms" => TimeSpan.FromMilliseconds(n), "s" => TimeSpan.FromSeconds(n), _ => TimeSpan.FromMinutes(n) };
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a duration such as 500ms, 10s or 2m.");
}
