using System.Text.Json.Nodes;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.OAuth;

/// <summary>Whether the target offers the OAuth 2.0 API, decided by GET /_matrix/client/v1/auth_metadata.</summary>
public sealed record OAuthSupport(bool Supported, string Detection, JsonObject? Metadata, MatrixResponse Response)
{
    public string? Endpoint(string name) => Metadata?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static async Task<OAuthSupport> DetectAsync(MatrixClient client, CancellationToken ct)
    {
        var response = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v1/auth_metadata"), ct);
        if (response.Status == 200 && response.Object is { } metadata)
            return new(true, "GET /_matrix/client/v1/auth_metadata returned 200 with a JSON object", metadata, response);
        return new(false, $"GET /_matrix/client/v1/auth_metadata returned {response.Summary()}: the server does not offer the OAuth 2.0 API", null, response);
    }
}
