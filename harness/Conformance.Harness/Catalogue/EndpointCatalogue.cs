using System.Text.Json;

namespace Conformance.Harness.Catalogue;

/// <summary>The generated list of Client-Server operations (fixtures/catalogue/endpoints.json).</summary>
public sealed class EndpointCatalogue
{
    public required string SpecVersion { get; init; }
    public required string Source { get; init; }
    public required IReadOnlyList<Endpoint> Operations { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public IEnumerable<Endpoint> InLockCategory(string category) => Operations.Where(o => o.LockCategory == category);

    public Endpoint ById(string operationId) =>
        Operations.FirstOrDefault(o => o.OperationId == operationId)
        ?? throw new KeyNotFoundException($"No operation '{operationId}' in the endpoint catalogue.");

    public static EndpointCatalogue Load(string file) =>
        JsonSerializer.Deserialize<EndpointCatalogue>(File.ReadAllText(file), JsonOptions)
        ?? throw new InvalidDataException($"{file} is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";
}
