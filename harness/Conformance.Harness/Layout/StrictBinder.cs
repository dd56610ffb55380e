using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Conformance.Harness.Layout;

/// <summary>
/// Binds YAML to a C# type by walking the type: a mapping fills an object's public settable properties
/// (keys are their snake_case names) or a string-keyed dictionary, a sequence fills a list, a scalar
/// becomes text, a number, a boolean or an enum member. Scalars bind by the property's type, so
/// <c>shared_secret: 12345678</c> is the text "12345678"; a <see cref="JsonNode"/> property takes the
/// YAML as JSON with YAML's scalar types (<see cref="YamlJson.Convert"/>).
/// Strict where a typo would otherwise go unnoticed: an unknown key, a value of the wrong kind, or no
/// value where one is needed is a <see cref="DataFileException"/> naming the line.
/// </summary>
internal sealed class StrictBinder(string file)
{
    private readonly NullabilityInfoContext _nullability = new();

    public object Bind(YamlNode? root, Type type) =>
        root is null || YamlJson.IsNull(root)
            ? throw new DataFileException(file, null, null, "is empty.")
            : Bind(root, type, null, "")!;

    private object? Bind(YamlNode node, Type type, NullabilityInfo? nullability, string path)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (YamlJson.IsNull(node))
        {
            if (underlying is not null || typeof(JsonNode).IsAssignableFrom(type) || nullability?.ReadState == NullabilityState.Nullable) return null;
            throw Error(node, $"{Name(path)} has no value; expected {Expected(type)}.");
        }
        type = underlying ?? type;
        if (typeof(JsonNode).IsAssignableFrom(type)) return Json(node, type, path);
        if (type == typeof(string)) return Text(node, type, path);
        if (type == typeof(bool))
            return Text(node, type, path) switch { "true" => true, "false" => false, var t => throw Error(node, $"{Name(path)} is '{t}'; expected true or false.") };
        if (type.IsEnum) return EnumMember(node, type, path);
        if (IsNumber(type)) return Number(node, type, path);
        if (DictionaryValueType(type) is { } valueType) return Dictionary(node, type, valueType, nullability?.GenericTypeArguments.ElementAtOrDefault(1), path);
        if (ListElementType(type) is { } elementType)
            return List(node, type, elementType, type.IsArray ? nullability?.ElementType : nullability?.GenericTypeArguments.ElementAtOrDefault(0), path);
        if (type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null) return Object(node, type, path);
        throw new NotSupportedException($"{type} cannot be bound from YAML ({file}, {Name(path)}).");
    }

    private object Object(YamlNode node, Type type, string path)
    {
        if (node is not YamlMappingNode map) throw Mismatch(node, type, path);
        var properties = SettableProperties(type);
        var instance = Activator.CreateInstance(type)!;
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = Key(keyNode, path);
            if (!properties.TryGetValue(key, out var property))
                throw Error(keyNode, $"unknown key '{key}' {(path.Length == 0 ? "at the top level" : $"under {path}")} " +
                    $"(known: {string.Join(", ", properties.Keys)}){Suggestion(key, properties.Keys)}");
            property.SetValue(instance, Bind(valueNode, property.PropertyType, _nullability.Create(property), Child(path, key)));
        }
        return instance;
    }

    private object Dictionary(YamlNode node, Type type, Type valueType, NullabilityInfo? valueNullability, string path)
    {
        if (node is not YamlMappingNode map) throw Mismatch(node, type, path);
        var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = Key(keyNode, path);
            dictionary[key] = Bind(valueNode, valueType, valueNullability, Child(path, key));
        }
        return dictionary;
    }

    private object List(YamlNode node, Type type, Type elementType, NullabilityInfo? elementNullability, string path)
    {
        if (node is not YamlSequenceNode sequence) throw Mismatch(node, type, path);
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
        var i = 0;
        foreach (var item in sequence.Children) list.Add(Bind(item, elementType, elementNullability, $"{path}[{i++}]"));
        if (!type.IsArray) return list;
        var array = Array.CreateInstance(elementType, list.Count);
        list.CopyTo(array, 0);
        return array;
    }

    private string Text(YamlNode node, Type type, string path) =>
        node is YamlScalarNode scalar ? scalar.Value ?? "" : throw Mismatch(node, type, path);

    private object Number(YamlNode node, Type type, string path)
    {
        var text = Text(node, type, path);
        const NumberStyles integer = NumberStyles.AllowLeadingSign;
        var c = CultureInfo.InvariantCulture;
        object? value = Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 when int.TryParse(text, integer, c, out var i) => i,
            TypeCode.Int64 when long.TryParse(text, integer, c, out var l) => l,
            TypeCode.Double when double.TryParse(text, NumberStyles.Float, c, out var d) => d,
            TypeCode.Decimal when decimal.TryParse(text, NumberStyles.Float, c, out var m) => m,
            _ => null,
        };
        return value ?? throw Error(node, $"{Name(path)} is '{text}'; expected {Expected(type)}.");
    }

    private object EnumMember(YamlNode node, Type type, string path)
    {
        var text = Text(node, type, path);
        static string Folded(string s) => s.Replace("-", "").Replace("_", "").ToLowerInvariant();
        var name = Enum.GetNames(type).FirstOrDefault(n => Folded(n) == Folded(text));
        return name is not null ? Enum.Parse(type, name) : throw Error(node, $"{Name(path)} is '{text}'; expected {Expected(type)}.");
    }

    private JsonNode? Json(YamlNode node, Type type, string path)
    {
        var json = YamlJson.Convert(node);
        return type.IsInstanceOfType(json) ? json : throw Mismatch(node, type, path);
    }

    private string Key(YamlNode key, string path) =>
        key is YamlScalarNode { Value: { } text } ? text : throw Error(key, $"a key {(path.Length == 0 ? "at the top level" : $"under {path}")} is not text.");

    private static Dictionary<string, PropertyInfo> SettableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name));

    private static bool IsNumber(Type type) => Type.GetTypeCode(type) is TypeCode.Int32 or TypeCode.Int64 or TypeCode.Double or TypeCode.Decimal;

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var key, var value] && key == typeof(string)
        && type.GetGenericTypeDefinition() is var d && (d == typeof(Dictionary<,>) || d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>))
            ? value : null;

    private static Type? ListElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        if (!type.IsGenericType || type.GetGenericArguments() is not [var element]) return null;
        var d = type.GetGenericTypeDefinition();
        return d == typeof(List<>) || d == typeof(IList<>) || d == typeof(IReadOnlyList<>) || d == typeof(ICollection<>)
            || d == typeof(IReadOnlyCollection<>) || d == typeof(IEnumerable<>) ? element : null;
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "text";
        if (type == typeof(bool)) return "true or false";
        if (type.IsEnum) return "one of: " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName));
        if (IsNumber(type)) return Type.GetTypeCode(type) is TypeCode.Int32 or TypeCode.Int64 ? "a whole number" : "a number";
        if (type == typeof(JsonArray) || ListElementType(type) is not null) return "a list";
        return "a mapping (key: value)";
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    private DataFileException Mismatch(YamlNode node, Type type, string path) =>
        Error(node, $"{Name(path)} is {Describe(node)}; expected {Expected(type)}.");

    private DataFileException Error(YamlNode node, string problem) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, problem);

    private static string Name(string path) => path.Length == 0 ? "the document" : path;

    private static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>"; did you mean 'verdict'?" when a known key is one or two edits away, else ".".</summary>
    private static string Suggestion(string key, IEnumerable<string> known)
    {
        var best = known.Select(k => (Key: k, Distance: EditDistance(key, k)))
            .Where(c => c.Distance <= 2 && c.Distance < key.Length).OrderBy(c => c.Distance).FirstOrDefault();
        return best.Key is null ? "." : $"; did you mean '{best.Key}'?";
    }

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
