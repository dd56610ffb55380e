using System.Text;
using System.Text.RegularExpressions;

namespace Conformance.Tests.Support;

/// <summary>
/// All the text a report file holds, including what the single-file HTML keeps base64-encoded (Allure
/// embeds every data file and attachment that way), so a search for a secret or a check cannot miss it.
/// </summary>
public static partial class ReportText
{
    [GeneratedRegex("[A-Za-z0-9+/]{16,}={0,2}")]
    private static partial Regex Base64Run();

    public static string Read(string file)
    {
        var bytes = File.ReadAllBytes(file);
        if (bytes.Length >= 4 && bytes[0] == 0x89 && bytes[1] == 'P') return "";   // PNG: pixels, not text
        var text = Encoding.UTF8.GetString(bytes);
        if (!file.EndsWith(".html", StringComparison.Ordinal)) return text;
        var sb = new StringBuilder(text);
        foreach (Match m in Base64Run().Matches(text))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(m.Value));
                if (decoded.Count(char.IsControl) < decoded.Length / 10) sb.Append('\n').Append(decoded);
            }
            catch (FormatException) { }
        }
        return sb.ToString();
    }
}
