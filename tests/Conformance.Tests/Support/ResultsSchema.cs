extern alias JsonSchemaNet;
using System.Text.Json;
using JsonSchemaNet::Json.Schema;

namespace Conformance.Tests.Support;

/// <summary>fixtures/schemas/results.schema.json, evaluated by JsonSchema.Net (draft 2020-12).</summary>
public static class ResultsSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Repo.Layout.ResultsSchemaFile)));

    /// <summary>Where the document breaks the schema (instance location: message); empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .DefaultIfEmpty("invalid")
            .ToList();
    }
}
