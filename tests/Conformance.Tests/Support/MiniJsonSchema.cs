using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Conformance.Tests.Support;

/// <summary>
/// Validates JSON against the subset of JSON Schema the project's schemas use (type, const, enum,
/// required, properties, additionalProperties, propertyNames, items, pattern, minimum, $ref to $defs).
/// No JSON Schema validator restores here under a licence the project can use, and this subset is small.
/// </summary>
public static class MiniJsonSchema
{
    public static IReadOnlyList<string> Validate(JsonNode? instance, JsonObject schema)
    {
        var errors = new List<string>();
        Check(instance, schema, schema, "$", errors);
        return errors;
    }

    private static void Check(JsonNode? node, JsonNode? schemaNode, JsonObject root, string at, List<string> errors)
    {
        if (schemaNode is not JsonObject schema || errors.Count > 20) return;
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var target = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)root, (n, seg) => n?[seg]);
            Check(node, target, root, at, errors);
            return;
        }
        if (schema["const"] is { } constant && !JsonNode.DeepEquals(constant, node)) errors.Add($"{at}: expected {constant.ToJsonString()}");
        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, node))) errors.Add($"{at}: {node?.ToJsonString()} is not one of {options.ToJsonString()}");
        if (schema["type"] is { } type && !TypeMatches(node, type)) { errors.Add($"{at}: expected {type.ToJsonString()}, got {node?.ToJsonString() ?? "null"}"); return; }
        if (schema["pattern"]?.GetValue<string>() is { } pattern && node is JsonValue sv && sv.TryGetValue<string>(out var text) && !Regex.IsMatch(text, pattern))
            errors.Add($"{at}: '{text}' does not match {pattern}");
        if (schema["minimum"] is JsonValue min && node is JsonValue nv && nv.TryGetValue<double>(out var number) && number < min.GetValue<double>())
            errors.Add($"{at}: {number} is below {min}");
        if (node is JsonObject obj)
        {
            foreach (var required in schema["required"] as JsonArray ?? [])
                if (!obj.ContainsKey(required!.GetValue<string>())) errors.Add($"{at}: missing '{required}'");
            var properties = schema["properties"] as JsonObject;
            foreach (var (key, value) in obj)
            {
                if (schema["propertyNames"] is JsonObject names) Check(JsonValue.Create(key), names, root, $"{at}.{key} (name)", errors);
                if (properties?.ContainsKey(key) == true) Check(value, properties[key], root, $"{at}.{key}", errors);
                else if (schema["additionalProperties"] is JsonValue flag && !flag.GetValue<bool>()) errors.Add($"{at}: unexpected property '{key}'");
                else if (schema["additionalProperties"] is JsonObject additional) Check(value, additional, root, $"{at}.{key}", errors);
            }
        }
        if (node is JsonArray array && schema["items"] is JsonObject items)
            for (var i = 0; i < array.Count; i++) Check(array[i], items, root, $"{at}[{i}]", errors);
    }

    private static bool TypeMatches(JsonNode? node, JsonNode type)
    {
        if (type is JsonArray any) return any.Any(t => TypeMatches(node, t!));
        return type.GetValue<string>() switch
        {
            "null" => node is null,
            "object" => node is JsonObject,
            "array" => node is JsonArray,
            "string" => node is JsonValue v && v.TryGetValue<string>(out _),
            "boolean" => node is JsonValue b && b.TryGetValue<bool>(out _),
            "integer" => node is JsonValue i && (i.TryGetValue<long>(out _) || i.TryGetValue<double>(out var d) && d == Math.Floor(d)),
            "number" => node is JsonValue n && n.TryGetValue<double>(out _),
            _ => false,
        };
    }
}
