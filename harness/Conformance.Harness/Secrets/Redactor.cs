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

    /// <summary>Scrubs every registered secret value from free text.</summary>
    public string Scrub(string text)
    {
        foreach (var secret in Registry.Values)
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
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
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true || body.TrimStart().StartsWith('{'))
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
