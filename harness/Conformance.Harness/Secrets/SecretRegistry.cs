using System.Text.Encodings.Web;
using System.Text.Json;

namespace Conformance.Harness.Secrets;

/// <summary>
/// Every secret value the run has seen or made: tokens the server issued, passwords, shared secrets.
/// <see cref="Redactor"/> scrubs these values from anything written, whatever field they turn up in, and
/// in every form a server or a writer may give them: as is, URL-encoded (a token echoed as a query
/// parameter) and JSON-escaped (<c>+</c> written <c>\u002B</c>, <c>/</c> written <c>\/</c>).
/// </summary>
public sealed class SecretRegistry
{
    /// <summary>Shorter values would scrub ordinary words; nothing the run uses as a secret is this short.</summary>
    public const int MinimumLength = 6;

    private readonly object _gate = new();
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private string[] _values = [];

    public void Add(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < MinimumLength) return;
        lock (_gate)
        {
            if (!_secrets.Add(value)) return;
            // Longest first, so a secret that contains another (or its own encoded form) is scrubbed whole.
            _values = [.. _values.Concat(WrittenForms(value)).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length)];
        }
    }

    /// <summary>Every form of every secret, longest first: what to scrub.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>How many secrets were registered (not counting their encoded forms).</summary>
    public int Count
    {
        get { lock (_gate) return _secrets.Count; }
    }

    /// <summary>The forms a secret takes when a server or a writer encodes it.</summary>
    public static IEnumerable<string> WrittenForms(string secret)
    {
        yield return secret;
        var url = Uri.EscapeDataString(secret);
        yield return url;
        yield return LowerHex(url, '%', null, 2);
        yield return System.Net.WebUtility.UrlEncode(secret);
        var json = JsonEncodedText.Encode(secret).ToString();
        yield return json;
        yield return JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        yield return json.Replace("/", "\\/", StringComparison.Ordinal);
        yield return LowerHex(json, '\\', 'u', 4);
        yield return secret.Replace("/", "\\/", StringComparison.Ordinal);
    }

    /// <summary>The escaped form with lowercase hex digits (<c>%2f</c>, <c>\u002b</c>), as some encoders write it.</summary>
    private static string LowerHex(string escaped, char escape, char? marker, int digits)
    {
        var chars = escaped.ToCharArray();
        var skip = marker is null ? 1 : 2;
        for (var i = 0; i + skip + digits <= chars.Length; i++)
            if (chars[i] == escape && (marker is null || chars[i + 1] == marker))
                for (var d = 0; d < digits; d++) chars[i + skip + d] = char.ToLowerInvariant(chars[i + skip + d]);
        return new string(chars);
    }
}
