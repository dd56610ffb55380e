using System.Globalization;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Profiles;

/// <summary>Sizes as profiles write them: <c>65536</c>, <c>512KiB</c>, <c>1MiB</c>, <c>1GiB</c>; at most
/// <see cref="Largest"/>, a size a buffer can hold.</summary>
public static partial class ByteSizes
{
    public const long Largest = 1L << 30;

    [GeneratedRegex(@"^\s*(?<n>\d{1,12})\s*(?<unit>B|KiB|MiB|GiB)?\s*$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var m = Pattern().Match(text ?? "");
        if (!m.Success) return false;
        var n = long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        var unit = m.Groups["unit"].Value switch { "KiB" => 1L << 10, "MiB" => 1L << 20, "GiB" => 1L << 30, _ => 1 };
        if (n > Largest / unit) return false;
        bytes = n * unit;
        return true;
    }

    public static long Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a size such as 65536, 512KiB or 1MiB.");
}
