using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;

namespace Conformance.Tests.Support;

/// <summary>
/// The token-echoing half of <see cref="HostileServer"/>: swaps every token the server issues for one of
/// its own that needs escaping (<c>/ + =</c>), swaps them back on the way in, and echoes what the client
/// sent in every awkward place a server under development might: pretty-printed JSON after leading
/// whitespace (with <c>+</c> escaped as <c>\u002B</c>), error text (raw and URL-encoded) and headers.
/// </summary>
public sealed class TokenEcho
{
    private static readonly string[] TokenFields = ["access_token", "refresh_token"];
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    private readonly ConcurrentDictionary<string, string> _upstreamOf = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _proxyOf = new(StringComparer.Ordinal);

    /// <summary>Every token this proxy handed out.</summary>
    public IReadOnlyCollection<string> Tokens => _upstreamOf.Keys.ToList();

    public string UpstreamOf(string token) => _upstreamOf.GetValueOrDefault(token, token);

    /// <summary>The request as the server must see it (its tokens, not ours), and the token the client sent.</summary>
    public (Uri Uri, string Body, string? Token) Inbound(Uri uri, string body, string authorization)
    {
        var query = HttpUtility.ParseQueryString(uri.Query);
        var sent = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..] : query["access_token"];
        foreach (var key in query.AllKeys.OfType<string>())
            query[key] = UpstreamOf(query[key] ?? "");
        var url = new UriBuilder(uri) { Query = query.ToString() ?? "" }.Uri;
        foreach (var (mine, theirs) in _upstreamOf)
            foreach (var (_, encode) in Forms)
                body = body.Replace(encode(mine), encode(theirs), StringComparison.Ordinal);
        return (url, body, sent);
    }

    /// <summary>The server's JSON answer with our tokens in, echoing the client's token and password.</summary>
    public string Outbound(string json, string? sentToken, string sentBody)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json); }
        catch (JsonException) { return "\n  " + json; }
        Swap(node);
        if (node is JsonObject o && o["errcode"] is JsonValue)
        {
            var echo = "";
            if (sentToken is not null) echo += $" (you sent {sentToken}; as a parameter: access_token={Uri.EscapeDataString(sentToken)})";
            if (PasswordOf(sentBody) is { } password) echo += $" (password tried: {password}, encoded {Uri.EscapeDataString(password)})";
            o["error"] = (o["error"]?.GetValue<string>() ?? "") + echo;
            if (sentToken is not null) o["your_token"] = sentToken;
        }
        // The default encoder writes '+' as \u002B: a token only a JSON-aware redactor recognises.
        return "\n  " + (node?.ToJsonString(Pretty) ?? "null") + "\n";
    }

    private void Swap(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                    if (TokenFields.Contains(key) && value is JsonValue v && v.TryGetValue<string>(out var token)) o[key] = ProxyOf(token);
                    else Swap(value);
                break;
            case JsonArray a:
                foreach (var item in a) Swap(item);
                break;
        }
    }

    private string ProxyOf(string upstream) => _proxyOf.GetOrAdd(upstream, u =>
    {
        var mine = "px/" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)) + "+e=";
        _upstreamOf[mine] = u;
        return mine;
    });

    private static string? PasswordOf(string body)
    {
        try { return JsonNode.Parse(body) is JsonObject o && o["password"] is JsonValue v && v.TryGetValue<string>(out var p) ? p : null; }
        catch (JsonException) { return null; }
    }

    /// <summary>The ways a token is written in a request: as is, URL-encoded, JSON-escaped.</summary>
    private static readonly (string Name, Func<string, string> Encode)[] Forms =
    [
        ("raw", s => s),
        ("url", Uri.EscapeDataString),
        ("json", s => JsonEncodedText.Encode(s).ToString()),
    ];

    /// <summary>Every written form of a secret a report could hold if it leaked: as is, URL-encoded (both
    /// hex cases), JSON-escaped (default and relaxed encoders).</summary>
    public static IEnumerable<string> WrittenForms(string secret) =>
        new[]
        {
            secret,
            Uri.EscapeDataString(secret),
            Uri.EscapeDataString(secret).Replace("%2F", "%2f").Replace("%2B", "%2b").Replace("%3D", "%3d"),
            JsonEncodedText.Encode(secret).ToString(),
            JsonEncodedText.Encode(secret, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
        }.Distinct();
}
