using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Conformance.Harness.Secrets;

/// <summary>
/// Removes secrets from what the harness records, in two passes: by name (JSON keys, form fields, query
/// parameters and headers known to carry secrets) and by value (every string in the
/// <see cref="SecretRegistry"/>). Either pass alone would be enough for the usual case; together they
/// also catch a token echoed in an error message or a password in an unexpected field.
/// </summary>
public sealed partial class Redactor(SecretRegistry registry)
{
    public const string Mask = "[redacted]";

    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "access_token", "refresh_token", "password", "new_password", "mac", "token", "as_token", "hs_token",
        "code", "code_verifier", "client_secret", "id_token", "id_token_hint", "login_token", "loginToken",
        "registration_shared_secret", "shared_secret", "csrf", "device_code", "user_code",
    };

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Cookie", "Set-Cookie", "Proxy-Authorization",
    };

    public SecretRegistry Registry { get; } = registry;

    public static bool IsSecretKey(string key) => SecretKeys.Contains(key);

    private sealed record Matcher(IReadOnlyList<string> Values, SearchValues<string> Search);
    private volatile Matcher? _matcher;

    /// <summary>Scrubs every registered secret, in each of its written forms, from free text. One pass
    /// over the text whatever the number of secrets; at each hit the longest form wins.</summary>
    public string Scrub(string text)
    {
        var values = Registry.Values;
        if (values.Count == 0 || text.Length == 0) return text;
        var matcher = _matcher;
        if (matcher is null || !ReferenceEquals(matcher.Values, values))
            _matcher = matcher = new Matcher(values, SearchValues.Create([.. values], StringComparison.Ordinal));
        var search = matcher.Search;

        var span = text.AsSpan();
        var hit = span.IndexOfAny(search);
        if (hit < 0) return text;
        var sb = new StringBuilder(text.Length);
        while (hit >= 0)
        {
            sb.Append(span[..hit]);
            var rest = span[hit..];
            var length = 0;
            foreach (var v in values)
                if (rest.StartsWith(v, StringComparison.Ordinal)) { length = v.Length; break; }
            if (length == 0) { sb.Append(rest[0]); span = rest[1..]; }
            else { sb.Append(Mask); span = rest[length..]; }
            hit = span.IndexOfAny(search);
        }
        return sb.Append(span).ToString();
    }

    public string Header(string name, string value) =>
        !SecretHeaders.Contains(name) ? Scrub(value)
        : name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && value.Contains(' ') ? value[..value.IndexOf(' ')] + " " + Mask
        : Mask;

    public string Url(string url)
    {
        var redacted = QueryPair().Replace(url, m => IsSecretKey(Uri.UnescapeDataString(m.Groups["key"].Value)) ? $"{m.Groups["sep"].Value}{m.Groups["key"].Value}={Mask}" : m.Value);
        return Scrub(redacted);
    }

    /// <summary>Redacts a body: JSON by key, form-encoded by field, anything else by value only.</summary>
    public string Body(string body, string? contentType)
    {
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true || body.TrimStart() is ['{' or '[', ..])
        {
            try
            {
                if (JsonNode.Parse(body) is { } node) return Scrub(RedactNode(node).ToJsonString(new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }
            catch (JsonException) { /* not JSON after all: fall through to value scrubbing */ }
        }
        if (contentType?.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            return Scrub(FormPair().Replace(body, m => IsSecretKey(Uri.UnescapeDataString(m.Groups["key"].Value)) ? $"{m.Groups["key"].Value}={Mask}" : m.Value));
        return Scrub(body);
    }

    private static JsonNode RedactNode(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is null) continue;
                    if (IsSecretKey(key) && value is JsonValue) o[key] = Mask;
                    else RedactNode(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a) if (item is not null) RedactNode(item);
                break;
        }
        return node;
    }

    [GeneratedRegex(@"(?<sep>[?&])(?<key>[^=&#]+)=(?<value>[^&#]*)")]
    private static partial Regex QueryPair();

    [GeneratedRegex(@"(?<=^|&)(?<key>[^=&]+)=(?<value>[^&]*)")]
    private static partial Regex FormPair();
}
