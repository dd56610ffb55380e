using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Conformance.Suites.Locking.Sweep;

/// <summary>
/// The values placeholders stand for (<c>{room}</c>, <c>{marker}</c>, ...), collected while the sweep's
/// fixtures are created. A value that could not be created stands as <c>unavailable-{name}</c> and is
/// remembered, so a request built with it can say why it may be invalid.
/// </summary>
public sealed partial class FixtureValues
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _missing = new(StringComparer.Ordinal);
    private int _txn;

    [GeneratedRegex(@"\{(?<name>[a-z_]+)\}")]
    private static partial Regex Placeholder();

    public void Set(string name, string value) => _values[name] = value;

    public void Unavailable(string name, string why) => _missing[name] = why;

    public string? this[string name] => _values.GetValueOrDefault(name);

    public IReadOnlyDictionary<string, string> Missing => _missing;

    /// <summary>Replaces placeholders; <paramref name="used"/> collects the names that had no value.</summary>
    public string Fill(string template, ISet<string>? used = null) => Placeholder().Replace(template, m =>
    {
        var name = m.Groups["name"].Value;
        if (name == "txn") return $"{_values.GetValueOrDefault("marker", "lk")}-{Interlocked.Increment(ref _txn)}";
        if (_values.TryGetValue(name, out var v)) return v;
        used?.Add(name);
        return $"unavailable-{name}";
    });

    public JsonNode? Fill(JsonNode? node, ISet<string>? used = null) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(Fill(kv.Key, used), Fill(kv.Value, used)))),
        JsonArray a => new JsonArray(a.Select(i => Fill(i, used)).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(Fill(s, used)),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>Fills a path template and percent-encodes each segment, so identifiers such as
    /// <c>#alias:server</c> travel intact.</summary>
    public string FillPath(string template, ISet<string>? used = null)
    {
        var query = template.IndexOf('?');
        var path = query < 0 ? template : template[..query];
        var filled = string.Join('/', path.Split('/').Select(segment =>
            segment.Contains('{') || segment.Contains('#') ? Uri.EscapeDataString(Fill(segment, used)) : segment));
        return query < 0 ? filled : filled + "?" + Fill(template[(query + 1)..], used);
    }
}
