using System.Text.Json.Nodes;

namespace Conformance.Harness.Checks;

/// <summary>Typed reads of JSON values that may be missing or of the wrong type: each returns null
/// rather than throwing, so a judge can say what it found instead.</summary>
public static class Json
{
    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>True only for the JSON boolean true.</summary>
    public static bool IsTrue(JsonNode? node) => Bool(node) == true;

    /// <summary>The array's strings when it is an array of strings only; null otherwise.</summary>
    public static IReadOnlyList<string>? ArrayOfStrings(JsonNode? node) =>
        node is JsonArray a && a.All(i => Str(i) is not null) ? a.Select(i => Str(i)!).ToList() : null;

    /// <summary>The strings of an array, ignoring anything else in it; empty when it is not an array.</summary>
    public static IReadOnlyList<string> Strings(JsonNode? node) => node is JsonArray a ? a.Select(Str).OfType<string>().ToList() : [];

    /// <summary>The string as an absolute http(s) URL, or null. (On Unix, .NET also takes "/path" for an
    /// absolute file URI; an endpoint or issuer must be a web address.)</summary>
    public static Uri? HttpUrl(JsonNode? node) =>
        Str(node) is { } s && Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : null;

    /// <summary>A value as JSON text, shortened for reasons.</summary>
    public static string? Text(JsonNode? node, int max = 80)
    {
        var s = node?.ToJsonString();
        return s is null || s.Length <= max ? s : s[..max] + "…";
    }
}
