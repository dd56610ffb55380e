using System.Text.Json.Nodes;
using Conformance.Harness.Catalogue;
using Conformance.Harness.Matrix;
using RestSharp;

namespace Conformance.Suites.Locking.Sweep;

/// <summary>One sweep request, built from the catalogue and the fixtures, ready to send with any token
/// and transport (header or query) or as OPTIONS.</summary>
public sealed record SweepRequest(Endpoint Operation, string Path, IReadOnlyList<KeyValuePair<string, string>> Query, JsonNode? Json, byte[]? Raw, string? RawContentType)
{
    /// <summary>Placeholders that had no value (a fixture that could not be made).</summary>
    public IReadOnlySet<string> Unavailable { get; init; } = new HashSet<string>();

    public RestRequest ToRest(string? token, TokenTransport transport = TokenTransport.Header, string? method = null)
    {
        var request = MatrixRequest.Of(method ?? Operation.Method, Path);
        foreach (var (k, v) in Query) request.AddQueryParameter(k, v);
        if (method is null or "POST" or "PUT" or "DELETE")
        {
            if (Raw is not null) request.WithRaw(Raw, RawContentType ?? "application/octet-stream");
            else if (Json is not null) request.WithJson(Json);
        }
        return request.WithToken(token, transport);
    }
}
