using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Conformance.Harness.Layout;

/// <summary>
/// Reads a YAML data file as JSON, keeping scalar types the way YAML means them: plain
/// <c>true</c>, <c>12</c>, <c>null</c> become JSON booleans, numbers and null; quoted scalars stay strings.
/// Data files can then be bound with System.Text.Json and request bodies written in YAML keep their types.
/// </summary>
public static class YamlJson
{
    public static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static JsonNode? Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file)) stream.Load(reader);
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    public static T Bind<T>(string file) =>
        (Load(file) ?? throw new InvalidDataException($"{file} is empty.")).Deserialize<T>(SnakeCase)
        ?? throw new InvalidDataException($"{file} is empty.");

    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode s => Scalar(s),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode s)
    {
        var text = s.Value ?? "";
        if (s.Style != ScalarStyle.Plain) return JsonValue.Create(text);
        switch (text)
        {
            case "true": return JsonValue.Create(true);
            case "false": return JsonValue.Create(false);
            case "null" or "~" or "": return null;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (text.Length > 0 && char.IsDigit(text[^1]) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && (char.IsDigit(text[0]) || text[0] == '-'))
            return JsonValue.Create(d);
        return JsonValue.Create(text);
    }
}
