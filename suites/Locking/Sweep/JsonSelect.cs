using System.Text.Json.Nodes;

namespace Conformance.Suites.Locking.Sweep;

/// <summary>A small path language over JSON: <c>a.b</c> walks objects, <c>chunk[*].event_id</c> maps over
/// arrays and a leading <c>[*]</c> maps over a top-level array.</summary>
public static class JsonSelect
{
    public static JsonNode? Select(JsonNode? root, string path)
    {
        var segments = path.Replace("[*]", ".[*]").Split('.', StringSplitOptions.RemoveEmptyEntries);
        return Walk(root, segments, 0);
    }

    private static JsonNode? Walk(JsonNode? node, string[] segments, int i)
    {
        if (i == segments.Length) return node?.DeepClone();
        if (segments[i] == "[*]")
            return node is JsonArray array ? new JsonArray(array.Select(item => Walk(item, segments, i + 1)).ToArray()) : null;
        return node is JsonObject o && o.TryGetPropertyValue(segments[i], out var next) ? Walk(next, segments, i + 1) : null;
    }
}
