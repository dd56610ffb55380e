using System.Globalization;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Profiles;

/// <summary>Durations as profiles write them: <c>500ms</c>, <c>10s</c>, <c>2m</c>; at most
/// <see cref="Longest"/>, so every duration also fits a timer (which a value like <c>99999999999m</c> does not).</summary>
public static partial class Durations
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    [GeneratedRegex(@"^\s*(?<n>\d+(\.\d+)?)\s*(?<unit>ms|s|m)\s*$")]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var m = Pattern().Match(text ?? "");
        if (!m.Success) return false;
        var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        var ms = n * m.Groups["unit"].Value switch { "ms" => 1, "s" => 1000, _ => 60_000 };
        if (!double.IsFinite(ms) || ms > Longest.TotalMilliseconds) return false;
        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a duration such as 500ms, 10s or 2m (at most 24 h).");
}
