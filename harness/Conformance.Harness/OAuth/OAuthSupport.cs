using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.OAuth;

/// <summary>
/// Whether and how the target offers the OAuth 2.0 API, from GET /_matrix/client/v1/auth_metadata. Only
/// an answer that says "no such API" (404, as the spec asks with M_UNRECOGNIZED) means it is not offered.
/// An answer that asks for a token means it is offered wrongly: the metadata is fetched again with one,
/// so everything else about the API can still be checked. No answer, or a server error, says nothing
/// either way: that is an error, never a skip.
/// </summary>
public sealed record OAuthSupport
{
    public const string MetadataPath = "/_matrix/client/v1/auth_metadata";

    /// <summary>The metadata asked for with no token.</summary>
    public required MatrixResponse Response { get; init; }
    /// <summary>The metadata asked for again with a token, when the first answer demanded one.</summary>
    public MatrixResponse? WithToken { get; init; }
    /// <summary>The metadata document; not seen when the API is not offered (skip, with the detection),
    /// when no answer came (error), or when the answer is not a JSON object (inconclusive).</summary>
    public required Observed<JsonObject> Metadata { get; init; }

    public bool Supported => Metadata.Seen;
    /// <summary>The answer the document came from.</summary>
    public MatrixResponse DocumentResponse => WithToken ?? Response;
    public string Detection => Metadata.Missing?.Detection ?? Metadata.Missing?.Reason
        ?? $"GET {MetadataPath} returned {DocumentResponse.Summary()} with a JSON object{(WithToken is null ? "" : " (only when asked with a token)")}";

    public string? Endpoint(string name) => Metadata.Seen ? Json.Str(Metadata.Value[name]) : null;

    /// <param name="token">Gives an access token, for a server that wrongly demands one; null when there is none to give.</param>
    public static async Task<OAuthSupport> DetectAsync(MatrixClient client, Func<Task<string?>>? token, CancellationToken ct)
    {
        var response = await client.ExecuteAsync(MatrixRequest.Get(MetadataPath), ct);
        if (!DemandsToken(response)) return new OAuthSupport { Response = response, Metadata = Read(response) };
        var accessToken = token is null ? null : await token();
        if (accessToken is null)
            return new OAuthSupport
            {
                Response = response,
                Metadata = Observed.NotSeen<JsonObject>(Judgement.Error($"GET {MetadataPath} answered {response.Summary()} without a token, and the suite had no token to ask again with.")),
            };
        var withToken = await client.ExecuteAsync(MatrixRequest.Get(MetadataPath).WithToken(accessToken), ct);
        return new OAuthSupport { Response = response, WithToken = withToken, Metadata = Read(withToken) };
    }

    /// <summary>401 or 403, or a token error code: the server wants a token for the metadata.</summary>
    public static bool DemandsToken(MatrixResponse r) =>
        r.Arrived && (r.Status is 401 or 403 || r.Errcode is "M_MISSING_TOKEN" or "M_UNKNOWN_TOKEN");

    private static Observed<JsonObject> Read(MatrixResponse r)
    {
        if (!r.Arrived)
            return Observed.NotSeen<JsonObject>(Judgement.Error($"GET {MetadataPath} got no answer ({r.NetworkError}), so whether the server offers the OAuth 2.0 API is not known."));
        if (r.Status >= 500)
            return Observed.NotSeen<JsonObject>(Judgement.Error($"GET {MetadataPath} answered {r.Summary()}, a server error, so whether it offers the OAuth 2.0 API is not known."));
        if (r.Status == 200)
            return r.Object is { } document
                ? document
                : Observed.NotSeen<JsonObject>(Judgement.Inconclusive($"GET {MetadataPath} answered 200 with a body that is not a JSON object, so nothing in it can be checked."));
        return Observed.NotSeen<JsonObject>(Judgement.Skip("The server does not offer the OAuth 2.0 API.",
            $"GET {MetadataPath} returned {r.Summary()}: the server does not offer the OAuth 2.0 API"));
    }
}
