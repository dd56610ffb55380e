using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conformance.Harness.Catalogue;

namespace Conformance.Suites.Locking.Sweep;

/// <summary>
/// Builds the request for a catalogue operation: path parameters from the plan's values, required query
/// parameters, and a body that is valid for the operation: the plan's body when it names one, otherwise
/// every required field filled by type.
/// </summary>
public sealed partial class SweepRequestFactory(SweepPlan plan, FixtureValues values)
{
    [GeneratedRegex(@"\{(?<name>\w+)\}")]
    private static partial Regex PathParameter();

    public SweepRequest Build(Endpoint op)
    {
        var unavailable = new HashSet<string>(StringComparer.Ordinal);
        var custom = plan.Operations.GetValueOrDefault(op.OperationId);

        var path = PathParameter().Replace(op.Path, m =>
        {
            var name = m.Groups["name"].Value;
            var template = custom?.Path?.GetValueOrDefault(name) ?? plan.PathValues.GetValueOrDefault(name) ?? "{marker}";
            return Uri.EscapeDataString(values.Fill(template, unavailable));
        });

        var query = new List<KeyValuePair<string, string>>();
        foreach (var q in op.RequiredQuery)
        {
            var template = custom?.Query?.GetValueOrDefault(q.Name) ?? plan.QueryValues.GetValueOrDefault(q.Name) ?? q.Enum?.FirstOrDefault() ?? "{marker}";
            query.Add(new(q.Name, values.Fill(template, unavailable)));
        }
        foreach (var (name, template) in custom?.Query ?? [])
            if (op.RequiredQuery.All(q => q.Name != name)) query.Add(new(name, values.Fill(template, unavailable)));

        JsonNode? json = null;
        byte[]? raw = null;
        string? rawType = null;
        if (op.Body is { IsJson: false } shape)
        {
            raw = Encoding.UTF8.GetBytes("conformance sweep " + values["marker"]);
            rawType = shape.ContentTypes.FirstOrDefault(t => t != "application/octet-stream") is { } t && !t.Contains('*') ? t : "text/plain";
        }
        else if (custom?.Body is { } body) json = values.Fill(body, unavailable);
        else if (op.Body is { } jsonShape) json = Generate(jsonShape, unavailable);
        // The spec asks for a JSON object on every POST and PUT, even where it defines no fields.
        else if (op.Method is "POST" or "PUT") json = new JsonObject();

        return new SweepRequest(op, path, query, json, raw, rawType) { Unavailable = unavailable };
    }

    private JsonObject Generate(RequestBodyShape shape, ISet<string> unavailable)
    {
        var body = new JsonObject();
        foreach (var p in shape.RequiredProperties)
            body[p.Name] = p.Enum is { Count: > 0 } e ? JsonValue.Create(e[0]) : p.Type switch
            {
                "integer" or "number" => JsonValue.Create(0),
                "boolean" => JsonValue.Create(false),
                "object" => new JsonObject(),
                "array" => new JsonArray(),
                _ => JsonValue.Create(values.Fill("{marker}", unavailable)),
            };
        return body;
    }
}
