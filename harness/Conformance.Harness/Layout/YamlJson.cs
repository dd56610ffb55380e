using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Conformance.Harness.Layout;

/// <summary>
/// Reads the project's YAML data files. <see cref="Bind{T}"/> is the one way a data file (profile,
/// check catalogue, baseline, sweep data, web defaults, defect catalogue) becomes its C# type, strictly:
/// an unknown key or a value of the wrong kind is a <see cref="DataFileException"/> naming the file and
/// line. <see cref="Load"/> reads YAML as JSON, keeping scalar types the way YAML means them: plain
/// <c>true</c>, <c>12</c>, <c>null</c> become JSON booleans, numbers and null; quoted scalars stay
/// strings, so request bodies written in YAML keep their types.
/// </summary>
public static partial class YamlJson
{
    public static T Bind<T>(string file) => (T)new StrictBinder(file).Bind(Parse(file), typeof(T));

    public static JsonNode? Load(string file) => Parse(file) is { } root ? Convert(root) : null;

    /// <summary>The first document's root node, or null for an empty file.</summary>
    private static YamlNode? Parse(string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            // YamlDotNet prefixes its message with both marks; the exception carries them already.
            var message = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
            throw new DataFileException(file, (int)e.Start.Line, (int)e.Start.Column, MarksPrefix().Replace(message, ""));
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarksPrefix();

    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode s => Scalar(s),
        _ => null,
    };

    /// <summary>A plain <c>null</c>, <c>~</c> or nothing at all.</summary>
    internal static bool IsNull(YamlNode node) => node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "null" or "~" };

    private static JsonNode? Scalar(YamlScalarNode s)
    {
        if (IsNull(s)) return null;
        var text = s.Value ?? "";
        if (s.Style != ScalarStyle.Plain) return JsonValue.Create(text);
        switch (text)
        {
            case "true": return JsonValue.Create(true);
            case "false": return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (text.Length > 0 && char.IsDigit(text[^1]) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && (char.IsDigit(text[0]) || text[0] == '-'))
            return JsonValue.Create(d);
        return JsonValue.Create(text);
    }
}
